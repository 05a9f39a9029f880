using System.Text;

namespace Rapport.Storage.DuckDb;

/// <summary>
/// One reused buffer that text is encoded into as UTF-8 on its way to DuckDB, grown to the longest text so far,
/// rather than a native copy per string. For one thread at a time; the span is valid until the next call.
/// </summary>
internal sealed class Utf8Scratch
{
    private byte[] _buffer = new byte[1024];

    public Span<byte> Encode(string value)
    {
        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (most > _buffer.Length)
        {
            _buffer = new byte[Math.Max(most, _buffer.Length * 2)];
        }

        return _buffer.AsSpan(0, Encoding.UTF8.GetBytes(value, _buffer));
    }
}
