using System.Text.Json;

namespace Rapport.Core.Icps;

/// <summary>Where in an ICP file a token is, for messages that name the line.</summary>
internal static class IcpFile
{
    public static int LineOf(byte[] bytes, Utf8JsonReader reader) =>
        bytes.AsSpan(0, (int)Math.Min(reader.TokenStartIndex, bytes.Length)).Count((byte)'\n') + 1;
}
