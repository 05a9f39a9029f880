using System.Buffers;
using System.Text;
using System.Text.Json;
using Rapport.Core.Identities;
using Rapport.Core.Ingest;

namespace Rapport.Connectors.Segment;

/// <summary>
/// Reads one message of the Segment Spec (track, page, screen, identify, alias, group) from UTF-8 JSON into an
/// <see cref="IngestMessage"/>. Streams over the bytes with <see cref="Utf8JsonReader"/> and keeps nested objects
/// (properties, traits, campaign) as the JSON they arrived in.
/// </summary>
public static class SegmentMessageParser
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Parses one message; throws <see cref="SegmentFormatException"/> naming the field at fault.</summary>
    /// <param name="receivedAt">When Rapport received the message: the timestamp of last resort.</param>
    public static IngestMessage Parse(ReadOnlySpan<byte> json, DateTime receivedAt)
    {
        try
        {
            return ParseCore(json, receivedAt);
        }
        catch (JsonException e)
        {
            throw new SegmentFormatException(null, $"malformed JSON ({Describe(e)})");
        }
        catch (InvalidOperationException e) when (e.InnerException is System.Text.DecoderFallbackException)
        {
            throw new SegmentFormatException(null, "malformed JSON (a string is not valid UTF-8)");
        }
    }

    private static IngestMessage ParseCore(ReadOnlySpan<byte> json, DateTime receivedAt)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new SegmentFormatException(null, "a message must be a JSON object");
        }

        var fields = new Fields();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("type"u8)) fields.Type = ReadString(ref reader, "type");
            else if (name.SequenceEqual("event"u8)) fields.Event = ReadString(ref reader, "event");
            else if (name.SequenceEqual("name"u8)) fields.Name = ReadString(ref reader, "name");
            else if (name.SequenceEqual("userId"u8)) fields.UserId = ReadId(ref reader, "userId");
            else if (name.SequenceEqual("anonymousId"u8)) fields.AnonymousId = ReadId(ref reader, "anonymousId");
            else if (name.SequenceEqual("previousId"u8)) fields.PreviousId = ReadId(ref reader, "previousId");
            else if (name.SequenceEqual("groupId"u8)) fields.GroupId = ReadId(ref reader, "groupId");
            else if (name.SequenceEqual("messageId"u8)) fields.MessageId = ReadId(ref reader, "messageId", repeats: false);
            else if (name.SequenceEqual("timestamp"u8)) fields.Timestamp = ReadTimestamp(ref reader, "timestamp");
            else if (name.SequenceEqual("originalTimestamp"u8)) fields.OriginalTimestamp = ReadTimestamp(ref reader, "originalTimestamp");
            else if (name.SequenceEqual("receivedAt"u8)) fields.ReceivedAt = ReadTimestamp(ref reader, "receivedAt");
            else if (name.SequenceEqual("sentAt"u8)) fields.SentAt = ReadTimestamp(ref reader, "sentAt");
            else if (name.SequenceEqual("properties"u8)) (fields.Properties, fields.PropertyValues) = ReadProperties(ref reader);
            else if (name.SequenceEqual("traits"u8)) fields.Traits = ReadObject(ref reader, "traits");
            else if (name.SequenceEqual("context"u8)) fields.Context = ReadContext(ref reader, json);
            else if (IsEnvelopeField(name)) reader.Skip();
            else (fields.Extra ??= []).Add(ReadExtraField(ref reader, name));
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new SegmentFormatException(null, "malformed JSON (the message object does not end)");
        }

        if (reader.Read())
        {
            throw new SegmentFormatException(null, "malformed JSON (text after the message object)");
        }

        return Build(fields, json, receivedAt);
    }

    private static IngestMessage Build(in Fields fields, ReadOnlySpan<byte> json, DateTime receivedAt)
    {
        var kind = fields.Type switch
        {
            null => throw new SegmentFormatException("type", "missing; expected track, page, screen, identify, alias or group"),
            "track" => MessageKind.Track,
            "page" => MessageKind.Page,
            "screen" => MessageKind.Screen,
            "identify" => MessageKind.Identify,
            "alias" => MessageKind.Alias,
            "group" => MessageKind.Group,
            _ => throw new SegmentFormatException("type", $"unknown message type '{fields.Type}'; expected track, page, screen, identify, alias or group"),
        };

        var user = ToIdentity(IdentityKinds.User, fields.UserId, "userId");
        var anonymous = ToIdentity(IdentityKinds.Anonymous, fields.AnonymousId, "anonymousId");
        if (user is null && anonymous is null)
        {
            throw new SegmentFormatException("userId", "a message needs a userId or an anonymousId");
        }

        string? activityType = null;
        switch (kind)
        {
            case MessageKind.Track:
                activityType = string.IsNullOrWhiteSpace(fields.Event)
                    ? throw new SegmentFormatException("event", "a track message needs the event name")
                    : fields.Event.Trim();
                break;
            case MessageKind.Page:
                activityType = "page";
                break;
            case MessageKind.Screen:
                activityType = "screen";
                break;
            case MessageKind.Alias when string.IsNullOrWhiteSpace(fields.PreviousId):
                throw new SegmentFormatException("previousId", "an alias message needs the previousId it links");
            case MessageKind.Alias when user is null:
                throw new SegmentFormatException("userId", "an alias message needs the userId the previousId becomes");
            case MessageKind.Group when string.IsNullOrWhiteSpace(fields.GroupId):
                throw new SegmentFormatException("groupId", "a group message needs a groupId");
        }

        var context = fields.Context;
        var properties = fields.PropertyValues;
        // Most messages name a user and an anonymous id and carry no traits: room for two, and no trait list.
        List<Trait>? traits = null;
        var identities = new List<Identity>(2);
        if (user is { } u) identities.Add(u);
        if (anonymous is { } a) identities.Add(a);

        // A group's traits describe the organization; only a developer's own traits name more identities.
        if (kind != MessageKind.Group)
        {
            ReadTraits(fields.Traits, json, ref traits, identities);
        }
        else if (fields.Traits is { } groupTraits)
        {
            ReadTraits(groupTraits, json, ref traits, identities: null);
        }

        if (context.Traits is { } contextTraits)
        {
            ReadTraits(contextTraits, json, ref traits, identities);
        }

        var messageId = string.IsNullOrWhiteSpace(fields.MessageId) ? MessageKeys.ContentId(json) : fields.MessageId.Trim();
        var timestamp = fields.Timestamp ?? fields.OriginalTimestamp ?? fields.ReceivedAt ?? fields.SentAt ?? receivedAt;
        return new IngestMessage
        {
            MessageId = messageId,
            MessageKey = MessageKeys.For(messageId),
            Kind = kind,
            ActivityType = activityType,
            Primary = user ?? anonymous!.Value,
            Identities = identities,
            PreviousId = fields.PreviousId?.Trim(),
            GroupId = fields.GroupId?.Trim(),
            Timestamp = timestamp,
            Traits = (IReadOnlyList<Trait>?)traits ?? [],
            PropertiesJson = PropertiesWithExtraFields(fields.Properties, fields.Extra, json),
            Context = new ActivityContext
            {
                Url = context.Url ?? properties.Url,
                Referrer = context.Referrer ?? properties.Referrer,
                Title = context.Title ?? properties.Title ?? (kind is MessageKind.Page or MessageKind.Screen ? fields.Name : null),
                UserAgent = context.UserAgent,
                Ip = context.Ip,
                CampaignJson = context.CampaignJson,
                Channel = properties.Channel ?? context.CampaignSource ?? ReferrerHost(context.Referrer ?? properties.Referrer),
            },
        };
    }

    /// <summary>
    /// Segment's own envelope fields, which say how a message travelled rather than what happened; every other
    /// top-level field the parser does not read is kept in the properties.
    /// </summary>
    private static bool IsEnvelopeField(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("integrations"u8) || name.SequenceEqual("version"u8) || name.SequenceEqual("channel"u8)
        || name.SequenceEqual("_metadata"u8) || name.SequenceEqual("writeKey"u8) || name.SequenceEqual("options"u8)
        || name.SequenceEqual("projectId"u8);

    private static ExtraField ReadExtraField(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        var key = Encoding.UTF8.GetString(name);
        if (key.Contains('\\', StringComparison.Ordinal))
        {
            key = JsonSerializer.Deserialize<string>("\"" + key + "\"")!;
        }

        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return new ExtraField(key, new Span(start, (int)reader.BytesConsumed - start));
    }

    /// <summary>
    /// The properties as they arrived when no unknown top-level field came with them; otherwise the properties
    /// followed by those fields, the properties' own keys winning over a top-level field of the same name.
    /// </summary>
    private static string? PropertiesWithExtraFields(Span? properties, List<ExtraField>? extra, ReadOnlySpan<byte> json)
    {
        if (extra is null)
        {
            return properties is { } p ? RepeatedText.Of(json.Slice(p.Start, p.Length)) : null;
        }

        var buffer = new ArrayBufferWriter<byte>(json.Length);
        var written = new HashSet<string>(StringComparer.Ordinal);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (properties is { } span)
            {
                var reader = new Utf8JsonReader(json.Slice(span.Start, span.Length), ReaderOptions);
                reader.Read();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var key = reader.GetString()!;
                    reader.Read();
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    if (written.Add(key))
                    {
                        writer.WritePropertyName(key);
                        writer.WriteRawValue(json.Slice(span.Start + start, (int)reader.BytesConsumed - start), skipInputValidation: true);
                    }
                }
            }

            foreach (var field in extra)
            {
                if (written.Add(field.Key))
                {
                    writer.WritePropertyName(field.Key);
                    writer.WriteRawValue(json.Slice(field.Value.Start, field.Value.Length), skipInputValidation: true);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static Identity? ToIdentity(string kind, string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Identity.TryCreate(kind, value, out var identity, out var reason)
            ? identity
            : throw new SegmentFormatException(field, reason);
    }

    private static void ReadTraits(Span? traits, ReadOnlySpan<byte> json, ref List<Trait>? into, List<Identity>? identities)
    {
        if (traits is not { } span)
        {
            return;
        }

        var reader = new Utf8JsonReader(json.Slice(span.Start, span.Length), ReaderOptions);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = RepeatableString(ref reader);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            string? text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            reader.Skip();
            var raw = Encoding.UTF8.GetString(json.Slice(span.Start + start, (int)reader.BytesConsumed - start));
            (into ??= []).Add(new Trait(key, raw));
            if (identities is not null && text is not null)
            {
                AddTraitIdentity(key, text, identities);
            }
        }
    }

    private static void AddTraitIdentity(string key, string value, List<Identity> identities)
    {
        // Trait values that are not usable identities (an email of "n/a") stay traits and link nothing.
        if (key.Equals("email", StringComparison.OrdinalIgnoreCase))
        {
            if (Identity.TryCreate(IdentityKinds.Email, value, out var email, out _))
            {
                AddOnce(identities, email);
                if (GitHubNoreplyEmail.TryGetLogin(email.Value, out var login)
                    && Identity.TryCreate(IdentityKinds.GitHub, login, out var github, out _))
                {
                    AddOnce(identities, github);
                }
            }

            return;
        }

        foreach (var platform in IdentityKinds.PlatformTraits)
        {
            if (key.Equals(platform, StringComparison.OrdinalIgnoreCase))
            {
                if (Identity.TryCreate(platform, value, out var handle, out _))
                {
                    AddOnce(identities, handle);
                }

                return;
            }
        }
    }

    private static void AddOnce(List<Identity> identities, Identity identity)
    {
        if (!identities.Contains(identity))
        {
            identities.Add(identity);
        }
    }

    /// <summary>
    /// Reads the context where it stands in the message, so that the message is tokenised once: read after the rest,
    /// from a span skipped over first, it was tokenised twice (docs/benchmarks.md, sixth round).
    /// </summary>
    private static ContextFields ReadContext(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        RequireObject(ref reader, "context");
        var fields = new ContextFields();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("page"u8) && reader.TokenType == JsonTokenType.StartObject)
            {
                var depth = reader.CurrentDepth;
                while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
                {
                    if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != depth + 1)
                    {
                        continue;
                    }

                    var field = reader.ValueSpan;
                    reader.Read();
                    if (field.SequenceEqual("url"u8)) fields.Url = OptionalString(ref reader);
                    else if (field.SequenceEqual("referrer"u8)) fields.Referrer = OptionalString(ref reader);
                    else if (field.SequenceEqual("title"u8)) fields.Title = OptionalString(ref reader);
                    else reader.Skip();
                }
            }
            else if (name.SequenceEqual("userAgent"u8)) fields.UserAgent = OptionalString(ref reader);
            else if (name.SequenceEqual("ip"u8)) fields.Ip = OptionalString(ref reader);
            else if (name.SequenceEqual("campaign"u8) && reader.TokenType == JsonTokenType.StartObject)
            {
                var start = (int)reader.TokenStartIndex;
                var depth = reader.CurrentDepth;
                while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
                {
                    if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1
                        && (reader.ValueSpan.SequenceEqual("source"u8) || reader.ValueSpan.SequenceEqual("utm_source"u8)))
                    {
                        reader.Read();
                        fields.CampaignSource ??= OptionalString(ref reader);
                    }
                }

                fields.CampaignJson = RepeatedText.Of(json.Slice(start, (int)reader.BytesConsumed - start));
            }
            else if (name.SequenceEqual("traits"u8) && reader.TokenType == JsonTokenType.StartObject)
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                fields.Traits = new Span(start, (int)reader.BytesConsumed - start);
            }
            else
            {
                reader.Skip();
            }
        }

        return fields;
    }

    /// <summary>Reads the properties where they stand, as <see cref="ReadContext"/> does; returns where they are too.</summary>
    private static (Span Span, PropertyFields Fields) ReadProperties(ref Utf8JsonReader reader)
    {
        RequireObject(ref reader, "properties");
        var start = (int)reader.TokenStartIndex;
        var fields = new PropertyFields();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("url"u8)) fields.Url = OptionalString(ref reader);
            else if (name.SequenceEqual("referrer"u8)) fields.Referrer = OptionalString(ref reader);
            else if (name.SequenceEqual("title"u8)) fields.Title = OptionalString(ref reader);
            else if (name.SequenceEqual("channel"u8)) fields.Channel = OptionalString(ref reader);
            else reader.Skip();
        }

        return (new Span(start, (int)reader.BytesConsumed - start), fields);
    }

    private static string? ReferrerHost(string? referrer)
    {
        if (string.IsNullOrEmpty(referrer) || !Uri.TryCreate(referrer, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            return null;
        }

        var host = uri.Host.ToLowerInvariant();
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }

    private static string? OptionalString(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var text = RepeatableString(ref reader);
            return string.IsNullOrWhiteSpace(text) ? null : text;
        }

        reader.Skip();
        return null;
    }

    /// <summary>
    /// A string value, shared with earlier messages that sent the same text (<see cref="RepeatedText"/>). Escaped or
    /// invalid text goes through the reader, which unescapes it or reports it as before.
    /// </summary>
    private static string RepeatableString(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped || reader.HasValueSequence || !System.Text.Unicode.Utf8.IsValid(reader.ValueSpan)
            ? reader.GetString()!
            : RepeatedText.Of(reader.ValueSpan);

    private static string? ReadString(ref Utf8JsonReader reader, string field) => reader.TokenType switch
    {
        JsonTokenType.String => RepeatableString(ref reader),
        JsonTokenType.Null => null,
        _ => throw new SegmentFormatException(field, $"must be a string, not {Describe(reader.TokenType)}"),
    };

    /// <summary>
    /// Ids are strings, but some clients send numeric user ids; both mean the same id. A developer's id comes again on
    /// every message of a session, so it is shared like other repeated text; a message id never repeats, so it is not.
    /// </summary>
    private static string? ReadId(ref Utf8JsonReader reader, string field, bool repeats = true) => reader.TokenType switch
    {
        JsonTokenType.String => repeats ? RepeatableString(ref reader) : reader.GetString(),
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
        JsonTokenType.Null => null,
        _ => throw new SegmentFormatException(field, $"must be a string or a number, not {Describe(reader.TokenType)}"),
    };

    private static DateTime? ReadTimestamp(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new SegmentFormatException(field, $"must be an ISO 8601 timestamp string, not {Describe(reader.TokenType)}");
        }

        // The reader's ISO 8601 parser: 'Z' gives UTC, an offset gives local time (converted back below), and
        // no offset at all is taken as UTC, as Segment does.
        if (reader.TryGetDateTime(out var value))
        {
            return value.Kind switch
            {
                DateTimeKind.Utc => value,
                DateTimeKind.Local => value.ToUniversalTime(),
                _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
            };
        }

        throw new SegmentFormatException(field, $"'{reader.GetString()}' is not an ISO 8601 timestamp");
    }

    private static void RequireObject(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new SegmentFormatException(field, $"must be an object, not {Describe(reader.TokenType)}");
        }
    }

    private static Span ReadObject(ref Utf8JsonReader reader, string field)
    {
        RequireObject(ref reader, field);
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return new Span(start, (int)reader.BytesConsumed - start);
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private static string Describe(JsonException e) =>
        e.BytePositionInLine is { } position ? $"at byte {position + 1}: {FirstSentence(e.Message)}" : FirstSentence(e.Message);

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd('.');
    }

    private readonly record struct Span(int Start, int Length);

    private readonly record struct ExtraField(string Key, Span Value);

    private struct Fields
    {
        public string? Type, Event, Name, UserId, AnonymousId, PreviousId, GroupId, MessageId;
        public DateTime? Timestamp, OriginalTimestamp, ReceivedAt, SentAt;
        public Span? Properties, Traits;
        public PropertyFields PropertyValues;
        public ContextFields Context;
        public List<ExtraField>? Extra;
    }

    private struct ContextFields
    {
        public string? Url, Referrer, Title, UserAgent, Ip, CampaignJson, CampaignSource;
        public Span? Traits;
    }

    private struct PropertyFields
    {
        public string? Url, Referrer, Title, Channel;
    }
}
