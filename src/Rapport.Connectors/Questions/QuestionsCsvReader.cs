using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Rapport.Connectors.Segment;
using Rapport.Core.Identities;
using Rapport.Core.Ingest;

namespace Rapport.Connectors.Questions;

/// <summary>
/// Reads a CSV of support tickets or forum questions (one question a row, a header first) as
/// <c>question.asked</c> activities, with the same property names as the Stack Exchange import where they mean the
/// same (title, body, tags, answered, firstAnswerAt, secondsToFirstAnswer), so the docs-gap analysis reads both alike.
/// </summary>
public sealed class QuestionsCsvReader
{
    public const string ActivityType = "question.asked";

    public const string DefaultChannel = "support";

    /// <summary>The longest row accepted, in bytes: far above any real ticket, well below a runaway quote.</summary>
    public const int MaxRowBytes = 4 << 20;

    private static readonly string[] AnsweredStatuses = ["answered", "solved", "resolved"];

    private readonly TextReader _text;
    private readonly IReadOnlyDictionary<string, string> _overrides;
    private readonly string _defaultChannel;
    private readonly CsvLimits _limits;
    private readonly ArrayBufferWriter<byte> _json = new(4096);

    /// <param name="overrides">Field (or platform) → header name, from <c>--column FIELD=HEADER</c>.</param>
    /// <param name="defaultChannel">The channel of rows without one, part of their message id.</param>
    /// <param name="limits">How much of the file is read (<see cref="CsvLimits.Default"/>, rows up to <see cref="MaxRowBytes"/>, when not given).</param>
    public QuestionsCsvReader(
        TextReader text, IReadOnlyDictionary<string, string>? overrides = null, string defaultChannel = DefaultChannel, CsvLimits? limits = null)
    {
        _limits = limits ?? CsvLimits.Default with { MaxRowBytes = MaxRowBytes };
        _text = text;
        _overrides = overrides ?? new Dictionary<string, string>();
        _defaultChannel = defaultChannel;
    }

    /// <summary>
    /// The rows, in order. A header that cannot be mapped, or a row longer than <see cref="MaxRowBytes"/>, throws
    /// <see cref="ImportLineException"/> (with <paramref name="name"/> and the line); a row whose values are wrong
    /// comes back with its <see cref="QuestionsCsvRow.Error"/> and the line it starts on.
    /// </summary>
    public IEnumerable<QuestionsCsvRow> ReadRows(string name, CancellationToken cancellationToken)
    {
        // One buffer for every row: it grows to the widest row and is read before the next row overwrites it.
        string[] record = [];
        return ImportCsv.ReadRows(_text, name, _limits, header => QuestionsCsvColumns.Map(header, _overrides), (csv, header, columns) =>
        {
            if (record.Length < Math.Max(header.Count, csv.FieldCount))
            {
                record = new string[Math.Max(header.Count, csv.FieldCount)];
            }

            for (var i = 0; i < record.Length; i++)
            {
                record[i] = i < csv.FieldCount ? csv.GetString(i) : "";
            }

            return ToRow(record, columns, csv.LineNumber);
        }, (line, reason) => new QuestionsCsvRow(line, null, reason), cancellationToken);
    }

    private QuestionsCsvRow ToRow(string[] record, QuestionsCsvColumns columns, long line)
    {
        string? Field(QuestionField field)
        {
            var index = columns[field];
            return index >= 0 && index < record.Length && !string.IsNullOrWhiteSpace(record[index]) ? record[index].Trim() : null;
        }

        if (Field(QuestionField.Created) is not { } createdText)
        {
            return new QuestionsCsvRow(line, null, "created is empty");
        }

        if (!TryParseTime(createdText, out var created))
        {
            return new QuestionsCsvRow(line, null, $"created \"{createdText}\" is not a date or time (write it as ISO 8601, e.g. 2026-03-01T10:00:00Z)");
        }

        DateTime? answeredAt = null;
        if (Field(QuestionField.AnsweredAt) is { } answeredText)
        {
            if (!TryParseTime(answeredText, out var parsed))
            {
                return new QuestionsCsvRow(line, null, $"answered_at \"{answeredText}\" is not a date or time (write it as ISO 8601, e.g. 2026-03-01T10:00:00Z)");
            }

            answeredAt = parsed;
        }

        var title = Field(QuestionField.Title);
        var body = Field(QuestionField.Body);
        if (title is null && body is null)
        {
            return new QuestionsCsvRow(line, null, "the question has neither a title nor a body");
        }

        var identities = new List<Identity>(2);
        foreach (var (kind, value) in IdentityValues(record, columns, Field))
        {
            if (!Identity.TryCreate(kind, value, out var identity, out var reason))
            {
                return new QuestionsCsvRow(line, null, reason);
            }

            identities.Add(identity);
        }

        if (identities.Count == 0)
        {
            return new QuestionsCsvRow(line, null, "no one asked it: the email, user id and platform columns are empty");
        }

        var channel = Field(QuestionField.Channel) ?? _defaultChannel;
        var status = Field(QuestionField.Status);
        var id = Field(QuestionField.Id);
        var tags = ParseTags(Field(QuestionField.Tags));
        var url = Field(QuestionField.Url);

        _json.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(_json))
        {
            json.WriteStartObject();
            if (id is not null)
            {
                json.WriteString("questionId", id);
            }

            json.WriteString("channel", channel);
            if (title is not null)
            {
                json.WriteString("title", title);
            }

            json.WriteStartArray("tags");
            foreach (var tag in tags)
            {
                json.WriteStringValue(tag);
            }

            json.WriteEndArray();
            if (body is not null)
            {
                json.WriteString("body", body);
            }

            if (status is not null)
            {
                json.WriteString("status", status);
            }

            // Whether a question was answered is known only when the file says so, by a time or a status.
            if (columns.Has(QuestionField.AnsweredAt) || columns.Has(QuestionField.Status))
            {
                json.WriteBoolean("answered", answeredAt is not null || (status is not null && AnsweredStatuses.Contains(status, StringComparer.OrdinalIgnoreCase)));
            }

            if (answeredAt is { } answered)
            {
                json.WriteString("firstAnswerAt", answered);
                json.WriteNumber("secondsToFirstAnswer", Math.Max(0, (long)(answered - created).TotalSeconds));
            }

            if (url is not null)
            {
                json.WriteString("url", url);
            }

            json.WriteEndObject();
        }

        var properties = Encoding.UTF8.GetString(_json.WrittenSpan);
        var messageId = id is not null
            ? $"questions:{channel}:{id}"
            : "questions:" + MessageKeys.ContentId(Encoding.UTF8.GetBytes(string.Join('\u001f', created.ToString("O", CultureInfo.InvariantCulture), identities[0].ToString(), title, body)));
        var traits = Field(QuestionField.Name) is { } name ? new[] { new Trait("name", JsonSerializer.Serialize(name)) } : [];
        return new QuestionsCsvRow(line, new IngestMessage
        {
            MessageId = messageId,
            MessageKey = MessageKeys.For(messageId),
            Kind = MessageKind.Track,
            ActivityType = ActivityType,
            Primary = identities[0],
            Identities = identities,
            Timestamp = created,
            Traits = traits,
            PropertiesJson = properties,
            Context = new ActivityContext { Channel = channel, Url = url, Title = title },
            Source = "questions",
        }, null);
    }

    /// <summary>The asker's identities, the one to credit first: email, then the product's user id, then platforms.</summary>
    private static IEnumerable<(string Kind, string Value)> IdentityValues(string[] record, QuestionsCsvColumns columns, Func<QuestionField, string?> field)
    {
        if (field(QuestionField.Email) is { } email)
        {
            yield return (IdentityKinds.Email, email);
        }

        if (field(QuestionField.UserId) is { } userId)
        {
            yield return (IdentityKinds.User, userId);
        }

        foreach (var (kind, index) in columns.PlatformIdentities)
        {
            if (index < record.Length && !string.IsNullOrWhiteSpace(record[index]))
            {
                yield return (kind, record[index]);
            }
        }
    }

    /// <summary>
    /// Tags separated by commas, semicolons or bars (<c>sdk, auth</c>), written as Stack Exchange does
    /// (<c>&lt;sdk&gt;&lt;auth&gt;</c>), or — with none of those — by spaces, as Zendesk exports them.
    /// </summary>
    public static IReadOnlyList<string> ParseTags(string? tags)
    {
        if (string.IsNullOrWhiteSpace(tags))
        {
            return [];
        }

        char[] separators = tags.TrimStart().StartsWith('<') ? ['<', '>']
            : tags.IndexOfAny([',', ';', '|']) >= 0 ? [',', ';', '|']
            : [' ', '\t'];
        return tags.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>ISO 8601 and the invariant culture's forms; a time without an offset is UTC.</summary>
    public static bool TryParseTime(string text, out DateTime utc)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var time))
        {
            utc = time.UtcDateTime;
            return true;
        }

        utc = default;
        return false;
    }

}
