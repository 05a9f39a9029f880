using System.Security.Cryptography;
using System.Text;

namespace Rapport.Connectors.GitHub;

/// <summary>
/// GitHub's <c>X-Hub-Signature-256</c>: <c>sha256=</c> and the hex HMAC-SHA256 of the raw body under the webhook's
/// secret. Compared in constant time, so the answer's timing tells an attacker nothing about how close a guess was.
/// </summary>
public static class GitHubWebhookSignature
{
    public const string Header = "X-Hub-Signature-256";

    public const string Prefix = "sha256=";

    private const int HashBytes = 32;

    /// <summary>A new random secret (256 bits as 64 hex digits), for a webhook whose owner does not choose one.</summary>
    public static string NewSecret() => RandomNumberGenerator.GetHexString(64, lowercase: true);

    /// <summary>The header value GitHub sends for <paramref name="body"/> under <paramref name="secret"/>.</summary>
    public static string Compute(ReadOnlySpan<byte> body, string secret)
    {
        Span<byte> hash = stackalloc byte[HashBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, hash);
        return Prefix + Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// Whether <paramref name="header"/> is GitHub's signature of <paramref name="body"/> under <paramref name="secret"/>.
    /// A missing header, another algorithm or malformed hex is simply not a match.
    /// </summary>
    public static bool IsValid(string? header, ReadOnlySpan<byte> body, string secret)
    {
        var value = header?.Trim();
        if (value is null || !value.StartsWith(Prefix, StringComparison.Ordinal) || value.Length != Prefix.Length + (HashBytes * 2))
        {
            return false;
        }

        Span<byte> sent = stackalloc byte[HashBytes];
        if (Convert.FromHexString(value.AsSpan(Prefix.Length), sent, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != HashBytes)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HashBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
        return CryptographicOperations.FixedTimeEquals(sent, expected);
    }
}
