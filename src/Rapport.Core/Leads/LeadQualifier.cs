using Rapport.Core.Journey;

namespace Rapport.Core.Leads;

/// <summary>
/// Which organizations and developers meet the lead criteria, from their developers' stages alone: deterministic, and
/// the same answer whatever order the developers come in.
/// </summary>
public static class LeadQualifier
{
    public static IReadOnlyList<QualifiedLead> Qualify(LeadCriteria criteria, IEnumerable<LeadCandidate> developers, DateTime now)
    {
        var activeSince = criteria.ActiveWithinDays is { } days ? now.AddDays(-days) : (DateTime?)null;
        var counted = developers.Where(developer => activeSince is null || developer.LastActivity >= activeSince).ToList();
        var leads = new List<QualifiedLead>();
        foreach (var organization in counted.Where(d => d.Organization is not null).GroupBy(d => DeveloperOrganization.Key(d.Organization!)))
        {
            if (Qualifies(criteria, [.. organization]) is { } met)
            {
                leads.Add(new QualifiedLead($"organization:{organization.Key}", LeadKind.Organization, Spelling(organization), met.Reason, met.Developers));
            }
        }

        if (criteria.DevelopersWithoutOrganization)
        {
            foreach (var developer in counted.Where(d => d.Organization is null))
            {
                if (Qualifies(criteria, [developer]) is { } met)
                {
                    leads.Add(new QualifiedLead(
                        $"developer:{developer.AnchorIdentity}", LeadKind.Developer, developer.Name ?? developer.Identity ?? developer.AnchorIdentity,
                        met.Reason, met.Developers));
                }
            }
        }

        return [.. leads.OrderBy(lead => lead.Key, StringComparer.Ordinal)];
    }

    private static (string Reason, IReadOnlyList<LeadDeveloper> Developers)? Qualifies(LeadCriteria criteria, List<LeadCandidate> group)
    {
        var reasons = new List<string>();
        var lowest = (JourneyStage?)null;
        foreach (var rule in criteria.Rules)
        {
            var count = group.Count(developer => developer.Stage >= rule.Stage);
            if (count >= rule.Developers)
            {
                reasons.Add(rule.Describe(count));
                lowest = lowest is { } stage && stage < rule.Stage ? stage : rule.Stage;
            }
        }

        if (lowest is null)
        {
            return null;
        }

        // The evidence is everyone a met rule counted: the furthest along first.
        var evidence = group.Where(developer => developer.Stage >= lowest)
            .OrderByDescending(developer => developer.Stage)
            .ThenBy(developer => developer.Name ?? developer.Identity ?? developer.AnchorIdentity, StringComparer.Ordinal)
            .ThenBy(developer => developer.MemberId)
            .Select(developer => new LeadDeveloper(developer.MemberId, developer.Name, developer.Identity, developer.Stage))
            .ToList();
        return (string.Join("; ", reasons), evidence);
    }

    /// <summary>The organization's most used spelling; among equally used ones, the first in ordinal order.</summary>
    private static string Spelling(IEnumerable<LeadCandidate> developers) =>
        developers.Select(developer => developer.Organization!.Trim())
            .GroupBy(name => name, StringComparer.Ordinal)
            .OrderByDescending(spelling => spelling.Count())
            .ThenBy(spelling => spelling.Key, StringComparer.Ordinal)
            .First().Key;
}
