using System.Text;
using Microsoft.Extensions.Time.Testing;
using Rapport.Connectors.Segment;

namespace Rapport.Connectors.Tests.Segment;

public sealed class SegmentJsonLinesReaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 5, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Line_numbers_count_blank_lines_crlf_and_skip_a_byte_order_mark()
    {
        var text = "\uFEFF" + Track("m-1") + "\r\n"
            + "\r\n"
            + "   \t\r\n"
            + Track("m-4") + "\r\n"
            + "\n"
            + Track("m-6") + "\r\n";

        var lines = await ReadAllAsync(Encoding.UTF8.GetBytes(text));

        Assert.Equal([1L, 4L, 6L], lines.Select(line => line.LineNumber));
        Assert.Equal(["m-1", "m-4", "m-6"], lines.Select(line => line.Message!.MessageId));
        Assert.All(lines, line => Assert.Null(line.Error));
    }

    [Fact]
    public async Task Last_line_without_a_trailing_newline_is_read()
    {
        var lines = await ReadAllAsync(Encoding.UTF8.GetBytes(Track("m-1") + "\n" + Track("m-2")));

        Assert.Equal([(1L, "m-1"), (2L, "m-2")], lines.Select(line => (line.LineNumber, line.Message!.MessageId)));
    }

    [Fact]
    public async Task Last_line_ending_in_a_carriage_return_is_read()
    {
        var lines = await ReadAllAsync(Encoding.UTF8.GetBytes(Track("m-1") + "\r"));

        Assert.Equal("m-1", Assert.Single(lines).Message!.MessageId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    [InlineData("\n\r\n  \n")]
    public async Task A_stream_of_no_messages_gives_no_chunks(string text)
    {
        var reader = new SegmentJsonLinesReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), new FakeTimeProvider(Now));

        var chunks = await ReadChunksAsync(reader);

        Assert.Empty(chunks);
    }

    [Fact]
    public async Task More_lines_than_a_chunk_holds_keep_their_order_and_numbers()
    {
        var text = new StringBuilder();
        for (var i = 1; i <= 10_000; i++)
        {
            text.Append(Track($"m-{i}")).Append('\n');
        }

        var reader = new SegmentJsonLinesReader(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), new FakeTimeProvider(Now));
        var chunks = await ReadChunksAsync(reader);
        var lines = chunks.SelectMany(chunk => chunk).ToList();

        Assert.Equal([.. Enumerable.Repeat(512, 19), 272], chunks.Select(chunk => chunk.Count));
        Assert.Equal(Enumerable.Range(1, 10_000).Select(i => (long)i), lines.Select(line => line.LineNumber));
        Assert.Equal(Enumerable.Range(1, 10_000).Select(i => $"m-{i}"), lines.Select(line => line.Message!.MessageId));
    }

    [Fact]
    public async Task Several_megabytes_of_lines_with_blank_lines_between_keep_their_order_and_numbers()
    {
        var text = new StringBuilder();
        var expected = new List<(long, string)>();
        var padding = new string('x', 200);
        for (var lineNumber = 1; lineNumber <= 30_000; lineNumber++)
        {
            if (lineNumber % 1000 == 0)
            {
                text.Append("\r\n");
                continue;
            }

            text.Append(Track($"m-{lineNumber}", padding)).Append("\r\n");
            expected.Add((lineNumber, $"m-{lineNumber}"));
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var reader = new SegmentJsonLinesReader(new MemoryStream(bytes), new FakeTimeProvider(Now));
        var lines = (await ReadChunksAsync(reader)).SelectMany(chunk => chunk).ToList();

        Assert.True(bytes.Length > 4 * 1024 * 1024);
        Assert.Equal(expected, lines.Select(line => (line.LineNumber, line.Message!.MessageId)));
        Assert.Equal(bytes.Length, reader.BytesRead);
    }

    [Fact]
    public async Task A_line_longer_than_the_read_buffer_is_parsed()
    {
        var blob = new string('a', 2_500_000);
        var text = Track("m-1") + "\n" + Track("m-2", blob) + "\n" + Track("m-3") + "\n";

        var lines = await ReadAllAsync(Encoding.UTF8.GetBytes(text));

        Assert.Equal([(1L, "m-1"), (2L, "m-2"), (3L, "m-3")], lines.Select(line => (line.LineNumber, line.Message!.MessageId)));
        Assert.Equal($$"""{"blob": "{{blob}}"}""", lines[1].Message!.PropertiesJson);
    }

    [Fact]
    public async Task A_long_first_line_is_parsed()
    {
        var blob = new string('b', 1_500_000);

        var lines = await ReadAllAsync(Encoding.UTF8.GetBytes(Track("m-1", blob)));

        Assert.Equal(1_500_000 + """{"blob": ""}""".Length, Assert.Single(lines).Message!.PropertiesJson!.Length);
    }

    [Fact]
    public async Task Invalid_lines_come_back_with_their_error_and_line_number()
    {
        var text = Track("m-1") + "\n"
            + "not json\n"
            + "\n"
            + """{"type": "track", "userId": "usr_42", "messageId": "m-4"}""" + "\n"
            + """{"type": "track", "event": "x", "userId": "1", "timestamp": "soon"}""" + "\n"
            + Track("m-6") + "\n";

        var lines = await ReadAllAsync(Encoding.UTF8.GetBytes(text));

        Assert.Equal([1L, 2L, 4L, 5L, 6L], lines.Select(line => line.LineNumber));
        Assert.Equal("m-1", lines[0].Message!.MessageId);
        Assert.Null(lines[1].Message);
        Assert.Null(lines[1].Error!.Field);
        Assert.StartsWith("malformed JSON", lines[1].Error!.Reason, StringComparison.Ordinal);
        Assert.Null(lines[2].Message);
        Assert.Equal("event", lines[2].Error!.Field);
        Assert.Equal("timestamp", lines[3].Error!.Field);
        Assert.Equal("m-6", lines[4].Message!.MessageId);
    }

    [Fact]
    public async Task A_line_with_invalid_utf8_comes_back_as_an_error_and_the_rest_is_read()
    {
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.UTF8.GetBytes(Track("m-1") + "\n"));
        bytes.AddRange(Encoding.UTF8.GetBytes("""{"type": "track", "event": "Caf"""));
        bytes.AddRange([0xC3, 0x28]);
        bytes.AddRange(Encoding.UTF8.GetBytes("\", \"userId\": \"1\", \"messageId\": \"m-2\"}\n"));
        bytes.AddRange(Encoding.UTF8.GetBytes(Track("m-3") + "\n"));

        var lines = await ReadAllAsync([.. bytes]);

        Assert.Equal([1L, 2L, 3L], lines.Select(line => line.LineNumber));
        Assert.NotNull(lines[1].Error);
        Assert.Equal("m-3", lines[2].Message!.MessageId);
    }

    [Fact]
    public async Task Messages_without_a_timestamp_are_dated_by_the_clock()
    {
        var line = """{"type": "page", "anonymousId": "anon-1", "messageId": "m-1"}""";

        var lines = await ReadAllAsync(Encoding.UTF8.GetBytes(line));

        Assert.Equal(Now.UtcDateTime, Assert.Single(lines).Message!.Timestamp);
    }

    [Fact]
    public async Task A_stream_that_trickles_in_a_few_bytes_at_a_time_reads_the_same()
    {
        var text = "\uFEFF" + Track("m-1") + "\r\n\r\n" + Track("m-3");
        var stream = new TrickleStream(Encoding.UTF8.GetBytes(text), bytesPerRead: 2);
        var reader = new SegmentJsonLinesReader(stream, new FakeTimeProvider(Now));

        var lines = (await ReadChunksAsync(reader)).SelectMany(chunk => chunk).ToList();

        Assert.Equal([(1L, "m-1"), (3L, "m-3")], lines.Select(line => (line.LineNumber, line.Message!.MessageId)));
    }

    private static string Track(string messageId, string blob = "") =>
        blob.Length == 0
            ? $$"""{"type": "track", "event": "API Called", "userId": "usr_42", "messageId": "{{messageId}}", "timestamp": "2026-03-04T10:15:30Z"}"""
            : $$"""{"type": "track", "event": "API Called", "userId": "usr_42", "messageId": "{{messageId}}", "properties": {"blob": "{{blob}}"} }""";

    private static async Task<List<ParsedLine>> ReadAllAsync(byte[] bytes)
    {
        var reader = new SegmentJsonLinesReader(new MemoryStream(bytes), new FakeTimeProvider(Now));
        return [.. (await ReadChunksAsync(reader)).SelectMany(chunk => chunk)];
    }

    private static async Task<List<IReadOnlyList<ParsedLine>>> ReadChunksAsync(SegmentJsonLinesReader reader)
    {
        var chunks = new List<IReadOnlyList<ParsedLine>>();
        await foreach (var chunk in reader.ReadChunksAsync(TestContext.Current.CancellationToken))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }
}
