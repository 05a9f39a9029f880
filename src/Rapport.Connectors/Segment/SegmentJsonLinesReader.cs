using System.Buffers;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Rapport.Connectors.Segment;

/// <summary>
/// Reads a JSON Lines stream of Segment messages (one message per line). Lines are parsed in parallel, in chunks,
/// and handed on in file order with their line numbers; at most a few chunks are read ahead, so memory stays flat
/// however large the file is.
/// </summary>
public sealed class SegmentJsonLinesReader(Stream input, TimeProvider clock)
{
    // Small enough that the parsed messages waiting in the read-ahead fit in the collector's youngest generation
    // (about 12 MB here; at 2,048 lines four chunks filled it, and every collection copied them on), large enough to
    // amortise the hand-off between threads. Measured in docs/benchmarks.md, fifth round.
    private const int LinesPerChunk = 512;
    private const int MaxLineBytes = 32 * 1024 * 1024;

    /// <summary>Bytes read so far, for a progress bar.</summary>
    public long BytesRead => Volatile.Read(ref _bytesRead);

    private long _bytesRead;

    public async IAsyncEnumerable<IReadOnlyList<ParsedLine>> ReadChunksAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Four small chunks per core in flight: two per core left the consumer waiting for the parser.
        var parsing = Channel.CreateBounded<Task<ParsedLine[]>>(new BoundedChannelOptions(Math.Max(4, Environment.ProcessorCount * 4))
        {
            SingleReader = true,
            SingleWriter = true,
        });
        var producer = Task.Run(() => ProduceAsync(parsing.Writer, cancellationToken), cancellationToken);
        await foreach (var chunk in parsing.Reader.ReadAllAsync(cancellationToken))
        {
            yield return await chunk.ConfigureAwait(false);
        }

        await producer.ConfigureAwait(false);
    }

    private async Task ProduceAsync(ChannelWriter<Task<ParsedLine[]>> writer, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var chunk in SplitLines(cancellationToken))
            {
                var receivedAt = clock.GetUtcNow().UtcDateTime;
                await writer.WriteAsync(Task.Run(() => Parse(chunk, receivedAt), cancellationToken), cancellationToken).ConfigureAwait(false);
            }

            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e);
        }
    }

    private static ParsedLine[] Parse(LineChunk chunk, DateTime receivedAt)
    {
        var lines = new ParsedLine[chunk.Count];
        for (var i = 0; i < chunk.Count; i++)
        {
            var (offset, length, number) = chunk.Lines[i];
            try
            {
                lines[i] = new ParsedLine(number, SegmentMessageParser.Parse(chunk.Buffer.AsSpan(offset, length), receivedAt), null);
            }
            catch (SegmentFormatException e)
            {
                lines[i] = new ParsedLine(number, null, e);
            }
        }

        ArrayPool<byte>.Shared.Return(chunk.Buffer);
        return lines;
    }

    /// <summary>Splits the stream into chunks of non-blank lines, each chunk in one pooled buffer.</summary>
    private IEnumerable<LineChunk> SplitLines(CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        var filled = 0;
        var lineStart = 0;
        var scan = 0;
        long lineNumber = 0;
        var atStart = true;
        var lines = new List<(int, int, long)>(LinesPerChunk);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = input.Read(buffer, filled, buffer.Length - filled);
            Interlocked.Add(ref _bytesRead, read);
            var end = read == 0;
            filled += read;
            if (atStart && (filled >= 3 || end))
            {
                atStart = false;
                if (buffer.AsSpan(0, filled).StartsWith("\uFEFF"u8))
                {
                    lineStart = scan = 3;
                }
            }
            else if (atStart)
            {
                continue;
            }

            while (true)
            {
                var newline = buffer.AsSpan(scan, filled - scan).IndexOf((byte)'\n');
                int lineEnd;
                if (newline >= 0)
                {
                    lineEnd = scan + newline;
                }
                else if (end && lineStart < filled)
                {
                    lineEnd = filled;
                }
                else
                {
                    scan = filled;
                    break;
                }

                lineNumber++;
                var length = lineEnd - lineStart;
                if (length > 0 && buffer[lineEnd - 1] == (byte)'\r')
                {
                    length--;
                }

                if (!buffer.AsSpan(lineStart, length).Trim(" \t"u8).IsEmpty)
                {
                    lines.Add((lineStart, length, lineNumber));
                }

                lineStart = scan = Math.Min(lineEnd + 1, filled);
                if (lines.Count == LinesPerChunk)
                {
                    yield return Cut(ref buffer, ref lineStart, ref filled, lines);
                    scan = lineStart;
                }
            }

            if (end)
            {
                if (lines.Count > 0)
                {
                    yield return Cut(ref buffer, ref lineStart, ref filled, lines);
                }

                break;
            }

            if (filled < buffer.Length)
            {
                continue;
            }

            // The buffer is full: hand on the complete lines, or make room for one long line.
            if (lines.Count > 0)
            {
                yield return Cut(ref buffer, ref lineStart, ref filled, lines);
                scan = filled;
            }
            else if (lineStart > 0)
            {
                buffer.AsSpan(lineStart, filled - lineStart).CopyTo(buffer);
                filled -= lineStart;
                lineStart = 0;
                scan = filled;
            }
            else if (buffer.Length >= MaxLineBytes)
            {
                throw new SegmentFormatException(null, $"line {lineNumber + 1} is longer than {MaxLineBytes / (1024 * 1024)} MB");
            }
            else
            {
                var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                buffer.AsSpan(0, filled).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }
        }

        ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>Hands the buffer holding the complete lines to a chunk and carries the unfinished line to a fresh buffer.</summary>
    private static LineChunk Cut(ref byte[] buffer, ref int lineStart, ref int filled, List<(int, int, long)> lines)
    {
        var chunk = new LineChunk(buffer, [.. lines], lines.Count);
        lines.Clear();
        var rest = filled - lineStart;
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(1 << 20, rest * 2));
        buffer.AsSpan(lineStart, rest).CopyTo(next);
        filled = rest;
        lineStart = 0;
        buffer = next;
        return chunk;
    }

    private sealed record LineChunk(byte[] Buffer, (int Offset, int Length, long Number)[] Lines, int Count);
}
