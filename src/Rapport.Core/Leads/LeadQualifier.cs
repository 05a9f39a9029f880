using Rapport.Core.Journey;

namespace Rapport.Core.Leads;

/// <summary>
/// Which organizations and developers meet the lead criteria, from their developers' stages alone: deterministic, and
/// the same answer whatever order the developers come in.
/// </summary>
public static class LeadQualifier
{
    /// <summary>
    /// How many developers a lead lists as its evidence: the furthest along first. An organization with thousands of
    /// developers at Build is not a list anyone reads, and the list travels in every <c>drql.created</c> delivery.
    /// </summary>
    public const int DevelopersListed = 100;

    public static IReadOnlyList<QualifiedLead> Qualify(LeadCriteria criteria, IEnumerable<LeadCandidate> developers, DateTime now)
    {
        var activeSince = criteria.ActiveWithinDays is { } days ? now.AddDays(-days) : (DateTime?)null;
        var counted = developers.Where(developer => activeSince is null || developer.LastActivity >= activeSince).ToList();
        var leads = new List<QualifiedLead>();
        foreach (var organization in counted.Where(d => d.Organization is not null).GroupBy(d => DeveloperOrganization.Key(d.Organization!)))
        {
            if (Qualifies(criteria, [.. organization]) is { } met)
            {
                leads.Add(new QualifiedLead($"organization:{organization.Key}", LeadKind.Organization, Spelling(organization), met.Reason, met.Developers, met.Count));
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
                        met.Reason, met.Developers, met.Count));
                }
            }
        }

        return [.. leads.OrderBy(lead => lead.Key, StringComparer.Ordinal)];
    }

    private static (string Reason, IReadOnlyList<LeadDeveloper> Developers, int Count)? Qualifies(LeadCriteria criteria, List<LeadCandidate> group)
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
        var counted = group.Where(developer => developer.Stage >= lowest).ToList();
        var evidence = counted
            .OrderByDescending(developer => developer.Stage)
            .ThenBy(developer => developer.Name ?? developer.Identity ?? developer.AnchorIdentity, StringComparer.Ordinal)
            .ThenBy(developer => developer.MemberId)
            .Take(DevelopersListed)
            .Select(developer => new LeadDeveloper(developer.MemberId, developer.Name, developer.Identity, developer.Stage))
            .ToList();
        return (string.Join("; ", reasons), evidence, counted.Count);
    }

    /// <summary>The organization's most used spelling; among equally used ones, the first in ordinal order.</summary>
    private static string Spelling(IEnumerable<LeadCandidate> developers) =>
        developers.Select(developer => developer.Organization!.Trim())
            .GroupBy(name => name, StringComparer.Ordinal)
            .OrderByDescending(spelling => spelling.Count())
            .ThenBy(spelling => spelling.Key, StringComparer.Ordinal)
            .First().Key;
}
