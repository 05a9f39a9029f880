namespace Rapport.Connectors.Git;

/// <summary>A name and address as a commit records them: an author, a committer or a <c>Co-authored-by:</c> trailer.</summary>
public readonly record struct GitPerson(string Name, string Email)
{
    /// <summary>
    /// Reads a trailer value such as <c>Ada Lovelace &lt;ada@example.com&gt;</c>, or a bare address; <c>false</c> for
    /// anything without an address.
    /// </summary>
    public static bool TryParse(string value, out GitPerson person)
    {
        person = default;
        var left = value.IndexOf('<', StringComparison.Ordinal);
        if (left < 0)
        {
            var bare = value.Trim();
            if (bare.Contains('@', StringComparison.Ordinal) && !bare.Contains(' ', StringComparison.Ordinal))
            {
                person = new GitPerson("", bare);
                return true;
            }

            return false;
        }

        var right = value.IndexOf('>', left + 1);
        if (right < 0)
        {
            return false;
        }

        var email = value[(left + 1)..right].Trim();
        if (email.Length == 0)
        {
            return false;
        }

        person = new GitPerson(value[..left].Trim(), email);
        return true;
    }
}
