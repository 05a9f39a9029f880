using System.Security.Cryptography;
using System.Text;
using Rapport.Core.Identities;

namespace Rapport.Core.Privacy;

/// <summary>
/// The identities of a workspace's erased developers, kept only as HMAC-SHA256 under the workspace's own salt: enough
/// to recognise a late event for an erased person at ingest, not enough to say who was erased without the salt.
/// </summary>
public sealed class ErasedIdentities
{
    private readonly byte[] _salt;
    private readonly HashSet<string> _hashes;

    public ErasedIdentities(byte[] salt, IEnumerable<string> hashes)
    {
        _salt = salt;
        _hashes = new HashSet<string>(hashes, StringComparer.Ordinal);
    }

    /// <summary>A workspace that has erased no one.</summary>
    public static ErasedIdentities None { get; } = new([], []);

    public int Count => _hashes.Count;

    public bool Contains(Identity identity) => _hashes.Count > 0 && _hashes.Contains(Hash(_salt, identity));

    /// <summary>The suppression entry of one identity: lowercase hex HMAC-SHA256 of <c>kind:value</c>.</summary>
    public static string Hash(byte[] salt, Identity identity) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(identity.ToString())));

    /// <summary>A new workspace salt: 32 random bytes.</summary>
    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(32);
}
