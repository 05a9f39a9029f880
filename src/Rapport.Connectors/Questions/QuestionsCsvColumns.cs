using Rapport.Core.Identities;

namespace Rapport.Connectors.Questions;

/// <summary>
/// Which column of a questions CSV holds which field. Header names are matched without regard to case, spaces,
/// <c>_</c>, <c>-</c> or <c>.</c> (so <c>Ticket ID</c>, <c>ticket_id</c> and <c>ticketId</c> are one name), against
/// the defaults below or the headers named by <c>--column FIELD=HEADER</c>. Columns named after a platform
/// (<c>github</c>, <c>discord</c>, <c>stackoverflow</c>, …) become identities of that kind.
/// </summary>
public sealed class QuestionsCsvColumns
{
    /// <summary>The header names each field is found under when not named explicitly, in order of preference.</summary>
    public static IReadOnlyDictionary<QuestionField, string[]> Defaults { get; } = new Dictionary<QuestionField, string[]>
    {
        [QuestionField.Id] = ["id", "ticket_id", "question_id", "ticket_number", "number"],
        [QuestionField.Title] = ["title", "subject", "question", "summary"],
        [QuestionField.Body] = ["body", "description", "content", "text", "message", "details"],
        [QuestionField.Email] = ["email", "requester_email", "author_email", "user_email", "email_address"],
        [QuestionField.Name] = ["name", "requester", "requester_name", "author", "author_name", "full_name"],
        [QuestionField.Created] = ["created", "created_at", "date", "created_date", "creation_date", "submitted_at", "opened_at", "timestamp"],
        [QuestionField.Tags] = ["tags", "tag", "labels", "topics"],
        [QuestionField.Status] = ["status", "state"],
        [QuestionField.AnsweredAt] = ["answered_at", "first_response_at", "first_reply_at", "first_replied_at", "responded_at"],
        [QuestionField.Url] = ["url", "link", "permalink"],
        [QuestionField.Channel] = ["channel", "source", "via"],
        [QuestionField.UserId] = ["user_id"],
    };

    private readonly Dictionary<QuestionField, int> _fields;

    private QuestionsCsvColumns(Dictionary<QuestionField, int> fields, IReadOnlyList<(string Kind, int Index)> platformIdentities)
    {
        _fields = fields;
        PlatformIdentities = platformIdentities;
    }

    /// <summary>Columns holding a platform handle, with the identity kind they give.</summary>
    public IReadOnlyList<(string Kind, int Index)> PlatformIdentities { get; }

    /// <summary>The column of a field, or -1 when the file has none.</summary>
    public int this[QuestionField field] => _fields.GetValueOrDefault(field, -1);

    public bool Has(QuestionField field) => _fields.ContainsKey(field);

    /// <summary>The field an override's name stands for: the enum name or its snake_case form (<c>answered_at</c>).</summary>
    public static bool TryParseField(string name, out QuestionField field)
    {
        var normalised = Normalise(name);
        foreach (var candidate in Enum.GetValues<QuestionField>())
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
    /// or platform name; <see cref="FormatException"/> for one that is not of that form or names neither.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ParseOverrides(IEnumerable<string> columns) =>
        ImportCsv.ParseColumnOverrides(
            columns,
            "title=Subject",
            field => TryParseField(field, out _) || IdentityKinds.PlatformTraits.Contains(field.ToLowerInvariant()),
            field => $"unknown field '{field}'; fields are {string.Join(", ", Defaults.Keys.Select(SnakeCase))}, or a platform ({string.Join(", ", IdentityKinds.PlatformTraits)})");

    /// <summary>
    /// Maps a header row. Overrides name the header of a field (<c>title → Subject</c>) or of a platform identity
    /// (<c>github → GitHub Login</c>). Throws <see cref="FormatException"/> with the reason when a named header is
    /// missing or a required field has no column.
    /// </summary>
    public static QuestionsCsvColumns Map(IReadOnlyList<string> header, IReadOnlyDictionary<string, string> overrides)
    {
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            byName.TryAdd(Normalise(header[i]), i);
        }

        var fields = new Dictionary<QuestionField, int>();
        var platforms = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, headerName) in overrides)
        {
            if (!byName.TryGetValue(Normalise(headerName), out var index))
            {
                throw new FormatException($"--column {name}={headerName}: the header has no column '{headerName}' (it has: {string.Join(", ", header)})");
            }

            if (TryParseField(name, out var field))
            {
                fields[field] = index;
            }
            else if (PlatformKind(name) is { } kind)
            {
                platforms[kind] = index;
            }
            else
            {
                throw new FormatException(
                    $"--column {name}={headerName}: unknown field '{name}'; fields are {string.Join(", ", Defaults.Keys.Select(SnakeCase))}, or a platform ({string.Join(", ", IdentityKinds.PlatformTraits)})");
            }
        }

        var taken = new HashSet<int>(fields.Values.Concat(platforms.Values));
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

        foreach (var kind in IdentityKinds.PlatformTraits)
        {
            if (!platforms.ContainsKey(kind) && byName.TryGetValue(kind, out var index) && taken.Add(index))
            {
                platforms[kind] = index;
            }
        }

        Require(fields, QuestionField.Created);
        if (!fields.ContainsKey(QuestionField.Title) && !fields.ContainsKey(QuestionField.Body))
        {
            throw new FormatException(
                $"no column for the question's title or body; looked for {Names(QuestionField.Title)} and {Names(QuestionField.Body)} (name one with --column title=HEADER)");
        }

        if (!fields.ContainsKey(QuestionField.Email) && !fields.ContainsKey(QuestionField.UserId) && platforms.Count == 0)
        {
            throw new FormatException(
                $"no column says who asked; looked for {Names(QuestionField.Email)}, {Names(QuestionField.UserId)} and platform handles ({string.Join(", ", IdentityKinds.PlatformTraits)}) (name one with --column email=HEADER)");
        }

        return new QuestionsCsvColumns(fields, [.. platforms.Select(pair => (pair.Key, pair.Value))]);
    }

    public static string SnakeCase(QuestionField field) => field switch
    {
        QuestionField.AnsweredAt => "answered_at",
        QuestionField.UserId => "user_id",
        _ => field.ToString().ToLowerInvariant(),
    };

    private static void Require(Dictionary<QuestionField, int> fields, QuestionField field)
    {
        if (!fields.ContainsKey(field))
        {
            throw new FormatException(
                $"no column for {SnakeCase(field)}; looked for {Names(field)} (name another with --column {SnakeCase(field)}=HEADER)");
        }
    }

    private static string Names(QuestionField field) => string.Join(", ", Defaults[field]);

    private static string? PlatformKind(string name)
    {
        var normalised = Normalise(name);
        return IdentityKinds.PlatformTraits.FirstOrDefault(kind => kind == normalised);
    }

    private static string Normalise(string name)
    {
        Span<char> buffer = stackalloc char[Math.Min(name.Length, 256)];
        var length = 0;
        foreach (var c in name.AsSpan(0, Math.Min(name.Length, 256)))
        {
            if (c is not (' ' or '_' or '-' or '.'))
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..length]);
    }
}
