using System.Text.Json;
using Rapport.Connectors.Questions;
using Rapport.Connectors.Segment;
using Rapport.Core.Events;
using Rapport.Core.Identities;
using Rapport.Core.Ingest;

namespace Rapport.Connectors.Events;

/// <summary>
/// Reads an attendee list, as event tools export it (one person a row, a header first), as the activities of one
/// event (docs/events.md): every row is an <c>event.registered</c> (at its registration time, else the event's
/// start), and a row checked in (yes, true, 1, or a time) is also an <c>event.attended</c> (at the check-in time,
/// else the start). The person is their email address; name and company become traits. Message ids come from the
/// event and the address, so importing the list again stores nothing twice.
/// </summary>
public sealed class AttendeeCsvReader
{
    /// <summary>The longest row accepted, in bytes.</summary>
    public const int MaxRowBytes = 1 << 20;

    private static readonly string[] Yes = ["yes", "y", "true", "1", "checked in", "checked-in", "attended", "x"];

    private static readonly string[] No = ["no", "n", "false", "0", "not checked in", "no-show", "no show", "absent"];

    private readonly TextReader _text;
    private readonly DevRelEvent _event;
    private readonly IReadOnlyDictionary<string, string> _overrides;
    private readonly bool _allAttended;
    private readonly CsvLimits _limits;

    /// <param name="overrides">Field → header name, from <c>--column FIELD=HEADER</c>.</param>
    /// <param name="allAttended">Every row came (a check-in list), whatever a checked-in column says.</param>
    /// <param name="limits">How much of the file is read (<see cref="CsvLimits.Default"/>, rows up to <see cref="MaxRowBytes"/>, when not given).</param>
    public AttendeeCsvReader(
        TextReader text, DevRelEvent devRelEvent, IReadOnlyDictionary<string, string>? overrides = null, bool allAttended = false, CsvLimits? limits = null)
    {
        _limits = limits ?? CsvLimits.Default with { MaxRowBytes = MaxRowBytes };
        _text = text;
        _event = devRelEvent;
        _overrides = overrides ?? new Dictionary<string, string>();
        _allAttended = allAttended;
    }

    /// <summary>
    /// The rows, in order. A header that cannot be mapped throws <see cref="ImportLineException"/>; a row whose values
    /// are wrong comes back with its <see cref="AttendeeCsvRow.Error"/> and the line it starts on.
    /// </summary>
    public IEnumerable<AttendeeCsvRow> ReadRows(string name, CancellationToken cancellationToken)
    {
        return ImportCsv.ReadRows(_text, name, _limits, header => AttendeeCsvColumns.Map(header, _overrides), (csv, header, columns) =>
        {
            var record = new string[Math.Max(csv.FieldCount, header.Count)];
            for (var i = 0; i < record.Length; i++)
            {
                record[i] = i < csv.FieldCount ? csv.GetString(i) : "";
            }

            return ToRow(record, columns, csv.LineNumber);
        }, (line, reason) => new AttendeeCsvRow(line, [], reason), cancellationToken);
    }

    private AttendeeCsvRow ToRow(string[] record, AttendeeCsvColumns columns, long line)
    {
        string? Field(AttendeeField field)
        {
            var index = columns[field];
            return index >= 0 && index < record.Length && !string.IsNullOrWhiteSpace(record[index]) ? record[index].Trim() : null;
        }

        if (Field(AttendeeField.Email) is not { } email)
        {
            return new AttendeeCsvRow(line, [], "the email is empty: the attendee cannot be matched to a developer");
        }

        if (!Identity.TryCreate(IdentityKinds.Email, email, out var identity, out var invalid))
        {
            return new AttendeeCsvRow(line, [], invalid);
        }

        var registeredAt = _event.Start;
        if (Field(AttendeeField.RegisteredAt) is { } registeredText && !QuestionsCsvReader.TryParseTime(registeredText, out registeredAt))
        {
            return new AttendeeCsvRow(line, [], $"registered_at \"{registeredText}\" is not a date or time (write it as ISO 8601, e.g. 2026-03-01T10:00:00Z)");
        }

        DateTime? attendedAt = _allAttended ? _event.Start : null;
        if (Field(AttendeeField.CheckedIn) is { } checkedIn)
        {
            if (Yes.Contains(checkedIn, StringComparer.OrdinalIgnoreCase))
            {
                attendedAt = _event.Start;
            }
            else if (QuestionsCsvReader.TryParseTime(checkedIn, out var at))
            {
                attendedAt = at;
            }
            else if (!No.Contains(checkedIn, StringComparer.OrdinalIgnoreCase))
            {
                return new AttendeeCsvRow(line, [], $"checked_in \"{checkedIn}\" is neither yes/no nor a time");
            }
        }

        var name = Field(AttendeeField.Name)
            ?? (string.Join(' ', new[] { Field(AttendeeField.FirstName), Field(AttendeeField.LastName) }.OfType<string>()) is { Length: > 0 } joined ? joined : null);
        var traits = new List<Trait> { new("email", JsonSerializer.Serialize(identity.Value)) };
        if (name is not null)
        {
            traits.Add(new Trait("name", JsonSerializer.Serialize(name)));
        }

        if (Field(AttendeeField.Company) is { } company)
        {
            traits.Add(new Trait("company", JsonSerializer.Serialize(company)));
        }

        var messages = new List<IngestMessage>(2) { Message(EventActivities.Registered, identity, registeredAt, traits) };
        if (attendedAt is { } attended)
        {
            messages.Add(Message(EventActivities.Attended, identity, attended, traits));
        }

        return new AttendeeCsvRow(line, messages, null);
    }

    private IngestMessage Message(string type, Identity identity, DateTime at, IReadOnlyList<Trait> traits)
    {
        var messageId = EventActivities.MessageId(_event.Id, type, identity);
        return new IngestMessage
        {
            MessageId = messageId,
            MessageKey = MessageKeys.For(messageId),
            Kind = MessageKind.Track,
            ActivityType = type,
            Primary = identity,
            Identities = [identity],
            Timestamp = at,
            Traits = traits,
            PropertiesJson = JsonSerializer.Serialize(new Dictionary<string, object> { ["eventId"] = _event.Id, ["event"] = _event.Name }),
            Context = new ActivityContext { Channel = "events", Url = _event.Url, Title = _event.Name },
            Source = "events",
        };
    }
}
