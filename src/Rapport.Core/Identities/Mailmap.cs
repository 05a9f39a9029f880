namespace Rapport.Core.Identities;

/// <summary>
/// A git <c>.mailmap</c>: the repository's own statement of which commit names and addresses belong to which person.
/// It follows git's <c>mailmap.c</c> to the letter, so that a developer is known by the same name and address here as
/// in <c>git log --format=%aN/%aE</c> and <c>git check-mailmap</c>:
/// <list type="bullet">
/// <item>The four forms: <c>Proper Name &lt;commit@email&gt;</c>, <c>&lt;proper@email&gt; &lt;commit@email&gt;</c>,
/// <c>Proper Name &lt;proper@email&gt; &lt;commit@email&gt;</c> and
/// <c>Proper Name &lt;proper@email&gt; Commit Name &lt;commit@email&gt;</c>.</item>
/// <item>A line whose first character is <c>#</c> is a comment; anything after the last <c>&gt;</c> is ignored unless it
/// holds another <c>&lt;…&gt;</c> (git then reads it as a commit name and address, and so does this).</item>
/// <item>Commit addresses, and commit names in the fourth form, match without regard to ASCII case (git's
/// <c>strcasecmp</c>); other characters must match exactly. Proper names and addresses are used as written.</item>
/// <item>A later line for the same commit address overrides an earlier one: for the first three forms it replaces the
/// proper name and the proper address it gives, keeping the other; for the fourth form it replaces the entry for that
/// commit name. An entry with a commit name wins over the entries without one when the name matches.</item>
/// </list>
/// </summary>
public sealed class Mailmap
{
    /// <summary>git's own <c>isspace</c>: space, tab, line feed and carriage return, nothing else.</summary>
    private const string GitWhitespace = " \t\n\r";

    private readonly Dictionary<string, Entry> _entries;

    private Mailmap(Dictionary<string, Entry> entries) => _entries = entries;

    public static Mailmap Empty { get; } = new(new Dictionary<string, Entry>(AsciiCaseInsensitiveComparer.Instance));

    /// <summary>The number of distinct commit addresses the mailmap maps.</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// Reads mailmap texts in the order git reads them (the working tree's <c>.mailmap</c>, then <c>mailmap.blob</c>,
    /// then <c>mailmap.file</c>): later lines override earlier ones across texts as within one. Lines git ignores are
    /// ignored; a mailmap never fails to parse.
    /// </summary>
    public static Mailmap Parse(params IEnumerable<string> texts)
    {
        var entries = new Dictionary<string, Entry>(AsciiCaseInsensitiveComparer.Instance);
        foreach (var text in texts)
        {
            // git splits on '\n' only; a '\r' left at the end of a line lies after the last '>' and is ignored.
            foreach (var range in text.AsSpan().Split('\n'))
            {
                ReadLine(entries, text.AsSpan()[range]);
            }
        }

        return new Mailmap(entries);
    }

    /// <summary>The proper name and address of a commit's name and address; both unchanged when nothing maps them.</summary>
    public (string Name, string Email) Map(string name, string email)
    {
        if (!_entries.TryGetValue(email, out var entry))
        {
            return (name, email);
        }

        var (properName, properEmail) = (entry.Name, entry.Email);
        if (entry.ByCommitName is { } byName && byName.TryGetValue(name, out var named))
        {
            (properName, properEmail) = named;
        }

        return (properName ?? name, properEmail ?? email);
    }

    private static void ReadLine(Dictionary<string, Entry> entries, ReadOnlySpan<char> line)
    {
        if (line.IsEmpty || line[0] == '#')
        {
            return;
        }

        var rest = ParseNameAndEmail(line, allowEmptyEmail: false, out var name1, out var email1);
        if (email1 is null)
        {
            return;
        }

        string? name2 = null, email2 = null;
        if (!rest.IsEmpty)
        {
            ParseNameAndEmail(rest, allowEmptyEmail: true, out name2, out email2);
        }

        Add(entries, name1, email1, name2, email2);
    }

    private static void Add(Dictionary<string, Entry> entries, string? properName, string properEmail, string? commitName, string? commitEmail)
    {
        string? newEmail = properEmail;
        if (commitEmail is null)
        {
            // "Proper Name <commit@email>": the only address is the commit's, and it is not replaced.
            commitEmail = properEmail;
            newEmail = null;
        }

        if (!entries.TryGetValue(commitEmail, out var entry))
        {
            entry = new Entry();
            entries.Add(commitEmail, entry);
        }

        if (commitName is null)
        {
            entry.Name = properName ?? entry.Name;
            entry.Email = newEmail ?? entry.Email;
        }
        else
        {
            entry.ByCommitName ??= new Dictionary<string, (string?, string?)>(AsciiCaseInsensitiveComparer.Instance);
            entry.ByCommitName[commitName] = (properName, newEmail);
        }
    }

    /// <summary>
    /// git's <c>parse_name_and_email</c>: the name before the first <c>&lt;</c> (trimmed, <c>null</c> when empty), the
    /// address up to the next <c>&gt;</c> (as written), and what follows it. No address when either bracket is missing.
    /// </summary>
    private static ReadOnlySpan<char> ParseNameAndEmail(ReadOnlySpan<char> text, bool allowEmptyEmail, out string? name, out string? email)
    {
        name = null;
        email = null;
        var left = text.IndexOf('<');
        if (left < 0)
        {
            return [];
        }

        var right = text[(left + 1)..].IndexOf('>');
        if (right < 0 || (right == 0 && !allowEmptyEmail))
        {
            return [];
        }

        var trimmed = text[..left].Trim(GitWhitespace);
        name = trimmed.IsEmpty ? null : trimmed.ToString();
        email = text.Slice(left + 1, right).ToString();
        return text[(left + 1 + right + 1)..];
    }

    private sealed class Entry
    {
        public string? Name { get; set; }

        public string? Email { get; set; }

        public Dictionary<string, (string? Name, string? Email)>? ByCommitName { get; set; }
    }

    /// <summary>git compares with <c>strcasecmp</c>, which folds ASCII letters only: <c>É</c> and <c>é</c> differ.</summary>
    private sealed class AsciiCaseInsensitiveComparer : IEqualityComparer<string>
    {
        public static AsciiCaseInsensitiveComparer Instance { get; } = new();

        public bool Equals(string? x, string? y)
        {
            if (x is null || y is null)
            {
                return ReferenceEquals(x, y);
            }

            if (x.Length != y.Length)
            {
                return false;
            }

            for (var i = 0; i < x.Length; i++)
            {
                if (x[i] != y[i] && !(char.IsAsciiLetter(x[i]) && (x[i] | 0x20) == (y[i] | 0x20)))
                {
                    return false;
                }
            }

            return true;
        }

        // Strings equal under ASCII folding are equal under full ordinal folding, so their hashes agree.
        public int GetHashCode(string value) => string.GetHashCode(value, StringComparison.OrdinalIgnoreCase);
    }
}
