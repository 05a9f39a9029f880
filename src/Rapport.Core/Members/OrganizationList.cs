using Rapport.Core.Journey;

namespace Rapport.Core.Members;

/// <summary>
/// Groups developers by organization (<see cref="Organizations.Of"/>): names that differ only in case and spaces are
/// one organization, shown as most of its developers write it. Developers without an organization are left out.
/// Largest organizations first.
/// </summary>
public static class OrganizationList
{
    public static IReadOnlyList<OrganizationSummary> Build(IEnumerable<OrganizationDeveloper> developers)
    {
        var groups = new Dictionary<string, Group>(StringComparer.Ordinal);
        foreach (var developer in developers)
        {
            if (Organizations.Of(developer.Company, developer.Emails) is not { } name)
            {
                continue;
            }

            var key = Organizations.Key(name);
            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = group = new Group();
            }

            group.Spellings[name] = group.Spellings.GetValueOrDefault(name) + 1;
            group.Developers++;
            if (developer.Stage is { } stage)
            {
                group.Stages[(int)stage]++;
            }

            if (developer.FirstActivity is { } first && (group.FirstSeen is null || first < group.FirstSeen))
            {
                group.FirstSeen = first;
            }
        }

        return [.. groups.Values
            .Select(group => new OrganizationSummary(
                group.Spellings.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).First().Key,
                group.Developers,
                JourneyStages.All.ToDictionary(JourneyStages.Name, stage => group.Stages[(int)stage]),
                group.FirstSeen))
            .OrderByDescending(organization => organization.Developers)
            .ThenBy(organization => organization.Name, StringComparer.OrdinalIgnoreCase)];
    }

    private sealed class Group
    {
        public Dictionary<string, int> Spellings { get; } = new(StringComparer.Ordinal);

        public long Developers { get; set; }

        public long[] Stages { get; } = new long[JourneyStages.Count];

        public DateTime? FirstSeen { get; set; }
    }
}
