namespace Rapport.Connectors.Events;

/// <summary>
/// Which column of an attendee CSV holds which field. Header names are matched without regard to case, spaces,
/// <c>_</c>, <c>-</c> or <c>.</c>, against the names event tools write (Eventbrite, Luma, Meetup, Zoom webinars) or
/// the headers named by <c>--column FIELD=HEADER</c>. Only the email is required.
/// </summary>
public sealed class AttendeeCsvColumns
{
    /// <summary>The header names each field is found under when not named explicitly, in order of preference.</summary>
    public static IReadOnlyDictionary<AttendeeField, string[]> Defaults { get; } = new Dictionary<AttendeeField, string[]>
    {
        [AttendeeField.Email] = ["email", "email_address", "attendee_email", "e-mail", "user_email"],
        [AttendeeField.Name] = ["name", "full_name", "attendee_name", "attendee"],
        [AttendeeField.FirstName] = ["first_name", "firstname", "given_name"],
        [AttendeeField.LastName] = ["last_name", "lastname", "surname", "family_name"],
        [AttendeeField.Company] = ["company", "company_name", "organization", "organisation", "employer"],
        [AttendeeField.RegisteredAt] = ["registered_at", "registration_time", "registration_date", "order_date", "created_at", "registered"],
        [AttendeeField.CheckedIn] = ["checked_in_at", "checked_in", "check_in", "attended", "attendance", "join_time"],
    };

    private readonly Dictionary<AttendeeField, int> _fields;

    private AttendeeCsvColumns(Dictionary<AttendeeField, int> fields) => _fields = fields;

    /// <summary>The column of a field, or -1 when the file has none.</summary>
    public int this[AttendeeField field] => _fields.GetValueOrDefault(field, -1);

    public bool Has(AttendeeField field) => _fields.ContainsKey(field);

    public static string SnakeCase(AttendeeField field) => field switch
    {
        AttendeeField.FirstName => "first_name",
        AttendeeField.LastName => "last_name",
        AttendeeField.RegisteredAt => "registered_at",
        AttendeeField.CheckedIn => "checked_in",
        _ => field.ToString().ToLowerInvariant(),
    };

    public static bool TryParseField(string name, out AttendeeField field)
    {
        var normalised = Normalise(name);
        foreach (var candidate in Enum.GetValues<AttendeeField>())
        {
            if (Normalise(candidate.ToString()) == normalised)
            {
                field = candidate;
                return true;
            }
        }

        field = default;
        return false;
    }

    /// <summary>
    /// The overrides given as <c>FIELD=HEADER</c> (<c>--column</c> on the command line, <c>column</c> over HTTP), by field
    /// name; <see cref="FormatException"/> for one that is not of that form or names no field.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ParseOverrides(IEnumerable<string> columns) =>
        ImportCsv.ParseColumnOverrides(
            columns, "email=Attendee Email", field => TryParseField(field, out _), field => $"unknown field '{field}'; fields are {FieldNames}");

    /// <summary>Maps a header row; <see cref="FormatException"/> when a named header is missing or there is no email column.</summary>
    public static AttendeeCsvColumns Map(IReadOnlyList<string> header, IReadOnlyDictionary<string, string> overrides)
    {
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            byName.TryAdd(Normalise(header[i]), i);
        }

        var fields = new Dictionary<AttendeeField, int>();
        foreach (var (name, headerName) in overrides)
        {
            if (!TryParseField(name, out var field))
            {
                throw new FormatException($"--column {name}={headerName}: unknown field '{name}'; fields are {FieldNames}");
            }

            fields[field] = byName.TryGetValue(Normalise(headerName), out var index)
                ? index
                : throw new FormatException($"--column {name}={headerName}: the header has no column '{headerName}' (it has: {string.Join(", ", header)})");
        }

        var taken = new HashSet<int>(fields.Values);
        foreach (var (field, names) in Defaults)
        {
            if (fields.ContainsKey(field))
            {
                continue;
            }

            foreach (var name in names)
            {
                if (byName.TryGetValue(Normalise(name), out var index) && taken.Add(index))
                {
                    fields[field] = index;
                    break;
                }
            }
        }

        if (!fields.ContainsKey(AttendeeField.Email))
        {
            throw new FormatException(
                $"no column for the attendee's email; looked for {string.Join(", ", Defaults[AttendeeField.Email])} (name another with --column email=HEADER)");
        }

        return new AttendeeCsvColumns(fields);
    }

    /// <summary>The fields as <c>--column</c> names them.</summary>
    public static string FieldNames => string.Join(", ", Enum.GetValues<AttendeeField>().Select(SnakeCase));

    private static string Normalise(string name) =>
        new([.. name.Trim().Where(c => c is not (' ' or '_' or '-' or '.')).Select(char.ToLowerInvariant)]);
}
