using System.Security.Cryptography;
using System.Text;

namespace Rapport.Core.Webhooks;

/// <summary>
/// The signature a delivery carries in <see cref="WebhookHeaders.Signature"/>: <c>sha256=</c> and the hex HMAC-SHA256
/// of the exact body bytes, keyed with the subscription's secret (as GitHub signs its webhooks).
/// </summary>
public static class WebhookSignature
{
    public const string Prefix = "sha256=";

    public static string Compute(string secret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>What a receiver does: recompute the signature and compare in constant time.</summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (header is null || !header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(header.Trim()));
    }

    /// <summary>A new secret for a subscription: 256 random bits as 64 hex characters.</summary>
    public static string NewSecret() => RandomNumberGenerator.GetHexString(64, lowercase: true);
}
