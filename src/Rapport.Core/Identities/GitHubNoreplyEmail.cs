namespace Rapport.Core.Identities;

/// <summary>
/// GitHub's private commit addresses: <c>12345+octocat@users.noreply.github.com</c> (since 2017) and
/// <c>octocat@users.noreply.github.com</c> (older accounts). Both name the GitHub login.
/// </summary>
public static class GitHubNoreplyEmail
{
    private const string Domain = "@users.noreply.github.com";

    public static bool TryGetLogin(string email, out string login)
    {
        login = "";
        if (!email.EndsWith(Domain, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var local = email.AsSpan(0, email.Length - Domain.Length);
        var plus = local.IndexOf('+');
        if (plus >= 0)
        {
            if (plus == 0 || !IsDigits(local[..plus]))
            {
                return false;
            }

            local = local[(plus + 1)..];
        }

        if (local.IsEmpty)
        {
            return false;
        }

        login = local.ToString().ToLowerInvariant();
        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
