using System.Text;
using System.Text.Json;
using Rapport.Connectors.Segment;
using Rapport.Core.Identities;
using Rapport.Core.Ingest;
using Rapport.Core.Members;

namespace Rapport.Connectors.Members;

/// <summary>
/// Reads a members CSV (one developer a row, a header first; see <see cref="MembersCsvColumns"/>) as identify
/// messages: the row's identities linked into one developer, its other columns as traits, its tags. A row's message id
/// is a hash of what it says, so importing the same file again stores nothing twice.
/// </summary>
public sealed class MembersCsvReader(TextReader text, DateTime importedAt, CsvLimits? limits = null)
{
    public const string Source = "members-csv";

    /// <summary>Several values in one cell (two email addresses, three tags) are separated by this.</summary>
    public const char ValueSeparator = ';';

    /// <summary>The longest row accepted, in bytes, as for the questions CSV.</summary>
    public const int MaxRowBytes = 4 << 20;

    /// <summary>
    /// The rows, in order. A header that cannot be mapped throws <see cref="ImportLineException"/> on line 1; a row
    /// whose values are wrong comes back with its <see cref="MembersCsvRow.Error"/> and the line it starts on.
    /// </summary>
    public IEnumerable<MembersCsvRow> ReadRows(string name, CancellationToken cancellationToken)
    {
        return ImportCsv.ReadRows(text, name, limits ?? CsvLimits.Default with { MaxRowBytes = MaxRowBytes }, MembersCsvColumns.Map, (csv, header, columns) =>
        {
            if (csv.FieldCount > header.Count)
            {
                return new MembersCsvRow(csv.LineNumber, null,
                    $"the row has {csv.FieldCount} values but the header names {header.Count} columns (a comma in a value that is not quoted?)");
            }

            // A row with fewer values than the header leaves the last columns empty, as spreadsheets write them.
            var record = new string[header.Count];
            for (var i = 0; i < record.Length; i++)
            {
                record[i] = i < csv.FieldCount ? Unescape(csv.GetString(i).Trim()) : "";
            }

            return ToRow(record, header, columns, csv.LineNumber);
        }, (line, reason) => new MembersCsvRow(line, null, reason), cancellationToken);
    }

    private MembersCsvRow ToRow(string[] record, IReadOnlyList<string> header, MembersCsvColumns columns, long line)
    {
        var identities = new List<Identity>();
        foreach (var (kind, index) in columns.Identities)
        {
            foreach (var value in Values(record[index]))
            {
                if (!Identity.TryCreate(kind, value, out var identity, out var reason))
                {
                    return new MembersCsvRow(line, null, $"{header[index].Trim()}: {reason}");
                }

                Add(identities, identity);
                if (kind == IdentityKinds.Email && GitHubNoreplyEmail.TryGetLogin(identity.Value, out var login)
                    && Identity.TryCreate(IdentityKinds.GitHub, login, out var github, out _))
                {
                    Add(identities, github);
                }
            }
        }

        if (identities.Count == 0)
        {
            return new MembersCsvRow(line, null,
                $"the row names no identity: fill in at least one of {string.Join(", ", columns.Identities.Select(column => header[column.Index].Trim()))}");
        }

        var traits = new List<Trait>();
        foreach (var (key, index) in columns.Traits)
        {
            if (record[index].Length > 0)
            {
                traits.Add(new Trait(key, TraitJson(record[index])));
            }
        }

        var tags = new List<string>();
        if (columns.TagsIndex >= 0)
        {
            foreach (var tag in MemberTags.Split(record[columns.TagsIndex]))
            {
                if (!MemberTags.TryNormalise(tag, out var normalised, out var reason))
                {
                    return new MembersCsvRow(line, null, $"{header[columns.TagsIndex].Trim()}: {reason}");
                }

                if (!tags.Contains(normalised))
                {
                    tags.Add(normalised);
                }
            }
        }

        var messageId = $"{Source}:{MessageKeys.ContentId(Encoding.UTF8.GetBytes(Canonical(identities, traits, tags)))}";
        return new MembersCsvRow(line, new IngestMessage
        {
            MessageId = messageId,
            MessageKey = MessageKeys.For(messageId),
            Kind = MessageKind.Identify,
            Primary = identities[0],
            Identities = identities,
            Timestamp = importedAt,
            Traits = traits,
            Tags = tags,
            Source = Source,
        }, null);
    }

    /// <summary>
    /// A cell's value as a trait: a JSON number, <c>true</c>, <c>false</c>, object or array is kept as that JSON (an
    /// export writes non-text traits so), anything else is text.
    /// </summary>
    public static string TraitJson(string value)
    {
        if (value.Length > 0 && (value[0] is '{' or '[' or '-' or (>= '0' and <= '9') || value is "true" or "false"))
        {
            try
            {
                using var document = JsonDocument.Parse(value);
                if (document.RootElement.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    return document.RootElement.GetRawText();
                }
            }
            catch (JsonException)
            {
                // Not JSON after all ("2026-03-01", "+1 555 0100"): text.
            }
        }

        return JsonSerializer.Serialize(value);
    }

    /// <summary>What the row says, in an order that does not depend on the file's column order, for its message id.</summary>
    private static string Canonical(List<Identity> identities, List<Trait> traits, List<string> tags) =>
        string.Join('\u001e',
            string.Join('\u001f', identities.Select(identity => identity.ToString()).Order(StringComparer.Ordinal)),
            string.Join('\u001f', traits.Select(trait => $"{trait.Key}={trait.ValueJson}").Order(StringComparer.Ordinal)),
            string.Join('\u001f', tags.Order(StringComparer.Ordinal)));

    private static IEnumerable<string> Values(string cell) =>
        cell.Split(ValueSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static void Add(List<Identity> identities, Identity identity)
    {
        if (!identities.Contains(identity))
        {
            identities.Add(identity);
        }
    }

    /// <summary>An export writes <c>'</c> before a value a spreadsheet would run as a formula; reading drops it again.</summary>
    private static string Unescape(string value) =>
        value.Length > 1 && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? value[1..] : value;
}
