using System.IO.Hashing;
using System.Text;

namespace Rapport.Connectors.Segment;

/// <summary>
/// De-duplication keys: a 128-bit XxHash of the message id. At 10 million messages the chance that two different
/// ids share a key is about 10^-25, far below the chance of a disk error, so the key stands for the id.
/// </summary>
public static class MessageKeys
{
    public static Guid For(string messageId)
    {
        Span<byte> utf8 = messageId.Length <= 256 ? stackalloc byte[messageId.Length * 3] : new byte[Encoding.UTF8.GetMaxByteCount(messageId.Length)];
        var length = Encoding.UTF8.GetBytes(messageId, utf8);
        return ForBytes(utf8[..length]);
    }

    public static Guid ForBytes(ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[16];
        XxHash128.Hash(bytes, hash);
        return new Guid(hash);
    }

    /// <summary>
    /// A message without a messageId is identified by its content, so that importing the same file twice still
    /// stores it once.
    /// </summary>
    public static string ContentId(ReadOnlySpan<byte> json) => "content:" + Convert.ToHexStringLower(XxHash128.Hash(json));
}
