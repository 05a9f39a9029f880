namespace Rapport.Core.Identities;

/// <summary>
/// Why Rapport suggests that two developers are one person, and how sure each reason is (0 to 1). The numbers and
/// thresholds are documented in docs/members.md; tests hold each rule to a case that suggests and one that does not.
/// </summary>
public static class MergeRules
{
    /// <summary>One email address (or one mailbox, see <see cref="MailboxOf"/>) on both developers.</summary>
    public const string SameEmail = "same-email";

    /// <summary>One platform handle (GitHub login, Discord name, …) seen with both developers on one message.</summary>
    public const string SameHandle = "same-handle";

    /// <summary>Two product user ids on one message (an alias from one to the other): the product linked them.</summary>
    public const string LinkedUserIds = "linked-user-ids";

    /// <summary>A GitHub noreply address, or an address whose local part is a GitHub login, on the other developer.</summary>
    public const string GitHubLogin = "github-login";

    /// <summary>The same full name (two words or more).</summary>
    public const string SameName = "same-name";

    /// <summary>Full names one edit apart (a typo, a missing accent is no edit: accents are ignored).</summary>
    public const string CloseName = "close-name";

    /// <summary>Not a suggestion: a person split an identity out of a developer, so the two are kept apart.</summary>
    public const string Unmerged = "unmerged";

    /// <summary>Not a suggestion: a person undid a merge, so the two are kept apart.</summary>
    public const string MergeUndone = "merge-undone";

    /// <summary>An email address seen on one message with two developers a guard kept apart.</summary>
    public const double SeenWithSameEmail = 0.95;

    /// <summary>A platform handle seen on one message with two developers a guard kept apart.</summary>
    public const double SeenWithSameHandle = 0.85;

    /// <summary>A product user id seen on one message with another developer's user id (an alias).</summary>
    public const double SeenWithOtherUserId = 0.9;

    /// <summary>One developer's <c>email</c> trait is the other's address.</summary>
    public const double SameAddress = 0.95;

    /// <summary>Two addresses of one mailbox (<c>ada.lovelace+news@gmail.com</c>, <c>adalovelace@googlemail.com</c>).</summary>
    public const double SameMailbox = 0.9;

    /// <summary><c>12345+octocat@users.noreply.github.com</c> and <c>github:octocat</c>: GitHub says they are one account.</summary>
    public const double NoreplyAddressOfLogin = 0.95;

    /// <summary><c>octocat@example.io</c> and <c>github:octocat</c>: people often reuse their handle.</summary>
    public const double LocalPartIsLogin = 0.75;

    public const double SameFullName = 0.8;

    public const double CloseFullName = 0.6;

    /// <summary>Shorter local parts (<c>ada@</c>, <c>dev@</c>) match logins by chance too often.</summary>
    public const int MinimumLoginLength = 4;

    /// <summary>Close names must have at least this many letters, so that short names one letter apart are not paired.</summary>
    public const int CloseNameMinimumLetters = 8;

    /// <summary>
    /// An address, mailbox or full name shared by more developers than this is a team address or a common name, and
    /// suggests nothing.
    /// </summary>
    public const int MaximumSharedBy = 5;

    /// <summary>
    /// The mailbox an address delivers to: lower-case, without a <c>+tag</c>, and for Gmail without dots and with
    /// <c>googlemail.com</c> read as <c>gmail.com</c>, as Gmail itself reads them.
    /// </summary>
    public static string MailboxOf(string email)
    {
        var address = email.Trim().ToLowerInvariant();
        var at = address.LastIndexOf('@');
        if (at <= 0)
        {
            return address;
        }

        var local = address[..at];
        var domain = address[(at + 1)..];
        var plus = local.IndexOf('+', StringComparison.Ordinal);
        if (plus > 0)
        {
            local = local[..plus];
        }

        if (domain is "gmail.com" or "googlemail.com")
        {
            local = local.Replace(".", "", StringComparison.Ordinal);
            domain = "gmail.com";
        }

        return $"{local}@{domain}";
    }
}
