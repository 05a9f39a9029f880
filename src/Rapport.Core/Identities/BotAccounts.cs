namespace Rapport.Core.Identities;

/// <summary>
/// Recognises automation accounts (dependabot, renovate, GitHub Actions) so that their activities can be kept out of
/// community metrics: a bot opening a thousand pull requests is not an engaged developer. Connectors mark such
/// activities with the <see cref="Property"/> property set to <c>true</c>.
/// </summary>
public static class BotAccounts
{
    /// <summary>The activity property that marks an activity done by a bot.</summary>
    public const string Property = "bot";

    private static readonly string[] KnownBotNames =
    [
        "github actions", "github-actions", "dependabot", "dependabot-preview", "renovate", "renovate-bot",
        "greenkeeper", "snyk-bot", "codecov", "allcontributors", "web-flow", "semantic-release-bot", "pre-commit-ci",
    ];

    /// <summary>
    /// A login or name that belongs to automation: GitHub's <c>[bot]</c> suffix (app accounts), a known bot, or a
    /// name ending in <c>-bot</c> or <c>[bot]</c>.
    /// </summary>
    public static bool IsBotName(string? nameOrLogin)
    {
        if (string.IsNullOrWhiteSpace(nameOrLogin))
        {
            return false;
        }

        var name = nameOrLogin.Trim();
        if (name.EndsWith("[bot]", StringComparison.OrdinalIgnoreCase) || name.EndsWith("-bot", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return Array.Exists(KnownBotNames, known => string.Equals(known, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// An address that belongs to automation: a GitHub noreply address of a <c>[bot]</c> login
    /// (<c>49699333+dependabot[bot]@users.noreply.github.com</c>) or GitHub's own <c>noreply@github.com</c>,
    /// the committer of changes made in its web interface.
    /// </summary>
    public static bool IsBotEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return false;
        }

        var address = email.Trim();
        if (string.Equals(address, "noreply@github.com", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var at = address.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && IsBotName(address[..at].Split('+')[^1]);
    }
}
