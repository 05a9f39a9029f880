using System.Buffers;
using System.Text.Json;
using Rapport.Core.Ingest;

namespace Rapport.Connectors.Segment;

/// <summary>
/// A request body of Segment's HTTP Tracking API: one message (<c>/v1/track</c>, <c>/v1/identify</c>, …) or a batch
/// (<c>/v1/batch</c>: <c>{"batch": [...], "context": {...}, "writeKey": "..."}</c>). Finds the write key and each
/// message's JSON without parsing the messages, so that a request is authenticated before its messages are read.
/// </summary>
public sealed class SegmentApiRequest
{
    /// <summary>Segment's limit for one message.</summary>
    public const int MaxMessageBytes = 32 * 1024;

    /// <summary>Segment's limit for a whole request (a batch), after decompression.</summary>
    public const int MaxRequestBytes = 500 * 1024;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64, CommentHandling = JsonCommentHandling.Disallow };

    private readonly List<ReadOnlyMemory<byte>> _messages;

    private SegmentApiRequest(bool isBatch, string? writeKey, List<ReadOnlyMemory<byte>> messages)
    {
        IsBatch = isBatch;
        WriteKey = writeKey;
        _messages = messages;
    }

    public bool IsBatch { get; }

    /// <summary>The <c>writeKey</c> field of the body, for clients that do not send HTTP Basic authentication.</summary>
    public string? WriteKey { get; }

    /// <summary>Each message's UTF-8 JSON, with the batch's context merged in and the type the endpoint implies.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Messages => _messages;

    /// <summary>Reads a single-message body; <paramref name="type"/> (from the path) is the type when the body has none.</summary>
    public static SegmentApiRequest ReadMessage(ReadOnlyMemory<byte> body, string type)
    {
        if (body.Length > MaxMessageBytes)
        {
            throw new SegmentPayloadTooLargeException(
                $"the message is {body.Length:N0} bytes; a message may be at most {MaxMessageBytes / 1024} KB");
        }

        var (writeKey, hasType, isEmpty) = Guard(() => ScanMessage(body.Span));
        return new SegmentApiRequest(isBatch: false, writeKey, [hasType ? body : WithType(body.Span, type, isEmpty)]);
    }

    /// <summary>Reads a <c>/v1/batch</c> body.</summary>
    public static SegmentApiRequest ReadBatch(ReadOnlyMemory<byte> body)
    {
        var (writeKey, context, elements) = Guard(() => ScanBatch(body.Span));
        var messages = new List<ReadOnlyMemory<byte>>(elements.Count);
        for (var i = 0; i < elements.Count; i++)
        {
            var (start, length, isObject) = elements[i];
            if (length > MaxMessageBytes)
            {
                throw new SegmentPayloadTooLargeException(
                    $"batch[{i}] is {length:N0} bytes; a message may be at most {MaxMessageBytes / 1024} KB");
            }

            var message = body.Slice(start, length);
            messages.Add(context is { } c && isObject ? WithContext(message.Span, body.Span.Slice(c.Start, c.Length)) : message);
        }

        return new SegmentApiRequest(isBatch: true, writeKey, messages);
    }

    /// <summary>
    /// Parses every message; when any is invalid, throws <see cref="InvalidSegmentMessagesException"/> listing them all.
    /// </summary>
    public IReadOnlyList<IngestMessage> Parse(DateTime receivedAt)
    {
        var parsed = new List<IngestMessage>(_messages.Count);
        List<SegmentMessageError>? errors = null;
        for (var i = 0; i < _messages.Count; i++)
        {
            try
            {
                parsed.Add(SegmentMessageParser.Parse(_messages[i].Span, receivedAt));
            }
            catch (SegmentFormatException e)
            {
                (errors ??= []).Add(new SegmentMessageError(IsBatch ? i : null, e.Field, e.Reason));
            }
        }

        return errors is null ? parsed : throw new InvalidSegmentMessagesException(errors);
    }

    private static T Guard<T>(Func<T> scan)
    {
        try
        {
            return scan();
        }
        catch (JsonException e)
        {
            throw new SegmentFormatException(null, $"malformed JSON ({FirstSentence(e.Message)})");
        }
    }

    private static (string? WriteKey, bool HasType, bool IsEmpty) ScanMessage(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new SegmentFormatException(null, "the body must be a JSON object: one Segment message");
        }

        string? writeKey = null;
        var hasType = false;
        var isEmpty = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            isEmpty = false;
            var isWriteKey = reader.ValueTextEquals("writeKey"u8);
            hasType |= reader.ValueTextEquals("type"u8);
            reader.Read();
            if (isWriteKey && reader.TokenType == JsonTokenType.String)
            {
                writeKey = reader.GetString();
            }

            reader.Skip();
        }

        EndOfBody(ref reader);
        return (writeKey, hasType, isEmpty);
    }

    private static (string? WriteKey, (int Start, int Length)? Context, List<(int Start, int Length, bool IsObject)> Elements) ScanBatch(
        ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new SegmentFormatException(null, "the body must be a JSON object: {\"batch\": [...]}");
        }

        string? writeKey = null;
        (int, int)? context = null;
        List<(int, int, bool)>? elements = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueTextEquals("batch"u8) ? "batch"
                : reader.ValueTextEquals("context"u8) ? "context"
                : reader.ValueTextEquals("writeKey"u8) ? "writeKey"
                : null;
            reader.Read();
            switch (name)
            {
                case "batch" when reader.TokenType == JsonTokenType.StartArray:
                    elements = [];
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        var start = (int)reader.TokenStartIndex;
                        var isObject = reader.TokenType == JsonTokenType.StartObject;
                        reader.Skip();
                        elements.Add((start, (int)reader.BytesConsumed - start, isObject));
                    }

                    break;
                case "batch":
                    throw new SegmentFormatException("batch", "must be an array of messages");
                case "context" when reader.TokenType == JsonTokenType.StartObject:
                    var contextStart = (int)reader.TokenStartIndex;
                    reader.Skip();
                    context = (contextStart, (int)reader.BytesConsumed - contextStart);
                    break;
                case "writeKey" when reader.TokenType == JsonTokenType.String:
                    writeKey = reader.GetString();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        EndOfBody(ref reader);
        return (writeKey, context, elements ?? throw new SegmentFormatException("batch", "missing; a batch request is {\"batch\": [...]}"));
    }

    private static void EndOfBody(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new SegmentFormatException(null, "malformed JSON (the body's object does not end)");
        }

        if (reader.Read())
        {
            throw new SegmentFormatException(null, "malformed JSON (text after the body's object)");
        }
    }

    /// <summary>The message with <c>"type"</c> added first, as the endpoint's path names it.</summary>
    private static byte[] WithType(ReadOnlySpan<byte> message, string type, bool isEmpty)
    {
        var buffer = new ArrayBufferWriter<byte>(message.Length + 32);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, type);
            writer.WriteEndObject();
        }

        // {"type":"track"} and the message without its opening brace: a textual splice keeps the message as sent.
        var head = buffer.WrittenSpan[..^1];
        var rest = message[(message.IndexOf((byte)'{') + 1)..];
        var result = new byte[head.Length + (isEmpty ? 0 : 1) + rest.Length];
        head.CopyTo(result);
        if (!isEmpty)
        {
            result[head.Length] = (byte)',';
        }

        rest.CopyTo(result.AsSpan(head.Length + (isEmpty ? 0 : 1)));
        return result;
    }

    /// <summary>
    /// A batch's <c>context</c> applies to every message in it; a message's own context fields win (Segment merges
    /// the same way).
    /// </summary>
    private static byte[] WithContext(ReadOnlySpan<byte> message, ReadOnlySpan<byte> batchContext)
    {
        var buffer = new ArrayBufferWriter<byte>(message.Length + batchContext.Length + 16);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            var ownContext = default(ReadOnlySpan<byte>);
            var reader = new Utf8JsonReader(message, ReaderOptions);
            reader.Read();
            writer.WriteStartObject();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isContext = reader.ValueTextEquals("context"u8);
                var name = reader.GetString()!;
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                var isObject = reader.TokenType == JsonTokenType.StartObject;
                reader.Skip();
                var value = message[start..(int)reader.BytesConsumed];
                if (isContext && isObject)
                {
                    ownContext = value;
                    continue;
                }

                writer.WritePropertyName(name);
                writer.WriteRawValue(value, skipInputValidation: true);
            }

            writer.WritePropertyName("context"u8);
            writer.WriteStartObject();
            var written = new HashSet<string>(StringComparer.Ordinal);
            WriteFields(writer, ownContext, written);
            WriteFields(writer, batchContext, written);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteFields(Utf8JsonWriter writer, ReadOnlySpan<byte> json, HashSet<string> written)
    {
        if (json.IsEmpty)
        {
            return;
        }

        var reader = new Utf8JsonReader(json, ReaderOptions);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (written.Add(name))
            {
                writer.WritePropertyName(name);
                writer.WriteRawValue(json[start..(int)reader.BytesConsumed], skipInputValidation: true);
            }
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd('.');
    }
}
