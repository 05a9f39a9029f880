using System.Buffers;
using System.IO.Compression;
using Rapport.Connectors.Segment;

namespace Rapport.Web;

/// <summary>
/// A request body read whole into a pooled buffer, gunzipped when sent with <c>Content-Encoding: gzip</c>, and
/// refused as soon as it grows past a limit: the limit counts the bytes as they are decompressed, so neither a
/// wrong <c>Content-Length</c> nor a small gzip bomb gets past it.
/// </summary>
internal sealed class RequestBody : IDisposable
{
    private byte[] _buffer;

    private RequestBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    public static Task<RequestBody> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken) =>
        ReadAsync(request, maxBytes, "send smaller batches", cancellationToken);

    /// <param name="tooLarge">What to do about a body over the limit, said in the 413 answer.</param>
    public static async Task<RequestBody> ReadAsync(HttpRequest request, int maxBytes, string tooLarge, CancellationToken cancellationToken)
    {
        var encoding = request.Headers.ContentEncoding.ToString().Trim();
        GZipStream? gzip = null;
        if (encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase) || encoding.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
        {
            gzip = new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true);
        }
        else if (encoding.Length > 0 && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"Content-Encoding '{encoding}' is not supported; send the body as it is or gzip it.");
        }

        var body = gzip ?? request.Body;
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > maxBytes)
                {
                    throw new SegmentPayloadTooLargeException(
                        $"the request body is over {maxBytes / 1024} KB{(gzip is null ? "" : " once decompressed")}; {tooLarge}");
                }
            }
        }
        catch (InvalidDataException e)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw new FormatException($"the body is not valid gzip ({e.Message})", e);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
        finally
        {
            if (gzip is not null)
            {
                await gzip.DisposeAsync().ConfigureAwait(false);
            }
        }

        return new RequestBody(buffer, length);
    }

    /// <summary>The body as a stream, without copying it; valid until the body is disposed.</summary>
    public Stream AsStream() => new MemoryStream(_buffer, 0, Length, writable: false);

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }
}
