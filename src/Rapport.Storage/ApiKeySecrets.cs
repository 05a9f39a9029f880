using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Rapport.Storage;

/// <summary>
/// The key format every backend shares: <c>rpk_</c> and 32 random bytes in base64url (43 characters). A store keeps
/// the first characters as a public prefix, to find and name the key, and a SHA-256 hash of the whole key.
/// </summary>
internal static class ApiKeySecrets
{
    public const string Marker = "rpk_";

    /// <summary><c>rpk_</c> and 8 characters (48 random bits): unique enough to look a key up, useless to guess it.</summary>
    public const int PrefixLength = 12;

    private const int KeyLength = 47;

    public static string Generate()
    {
        Span<byte> random = stackalloc byte[32];
        RandomNumberGenerator.Fill(random);
        return Marker + Base64Url.EncodeToString(random);
    }

    /// <summary>The prefix of a well-formed key; <c>null</c> for anything that cannot be a key.</summary>
    public static string? PrefixOf(string candidate) =>
        candidate.Length == KeyLength && candidate.StartsWith(Marker, StringComparison.Ordinal) ? candidate[..PrefixLength] : null;

    /// <summary>
    /// SHA-256, not a slow password hash: the key has 256 random bits, so nobody can search the key space from a
    /// leaked hash, and a fast hash keeps authenticating every ingest request cheap.
    /// </summary>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static bool Matches(string key, byte[] storedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(key), storedHash);
}
