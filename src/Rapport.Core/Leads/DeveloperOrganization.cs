using Rapport.Core.Members;

namespace Rapport.Core.Leads;

/// <summary>
/// The organization a developer works for: their <c>company</c> trait, else the domain of the first work address
/// among their email addresses (<see cref="Organizations.FromEmail"/>; free mail names no organization).
/// </summary>
public static class DeveloperOrganization
{
    public static string? Of(string? company, IEnumerable<string> emails)
    {
        if (!string.IsNullOrWhiteSpace(company))
        {
            return company.Trim();
        }

        foreach (var email in emails)
        {
            if (Organizations.FromEmail(email) is { } domain)
            {
                return domain;
            }
        }

        return null;
    }

    /// <summary>Spellings of one organization ("Acme", "ACME ") are one organization.</summary>
    public static string Key(string organization) => organization.Trim().ToLowerInvariant();
}
