using Microsoft.OpenApi;

namespace Rapport.Web.OpenApi;

/// <summary>The areas the reference page and generated clients group operations by, decided by the path.</summary>
internal static class ApiTags
{
    private static readonly (string Prefix, string Tag, string Description)[] Areas =
    [
        ("/api/v1/reports", "Reports", "The funnel, reach per content item and channel, community levels."),
        ("/api/v1/members", "Developers", "Developers (members), their identities, and merging by hand."),
        ("/api/v1/organizations", "Developers", "Developers (members), their identities, and merging by hand."),
        ("/api/v1/community", "Community", "Community rules, heroes and recognitions."),
        ("/api/v1/outreach", "Outreach", "The outreach queue: tasks to reach out to developers."),
        ("/api/v1/content", "Content", "The content catalog."),
        ("/api/v1/leads", "Leads", "DevRel-qualified leads and their criteria."),
        ("/api/v1/webhooks", "Webhooks", "Outbound webhook subscriptions and deliveries."),
        ("/api/v1/backup", "Operations", "Probes and backups."),
        ("/healthz", "Operations", "Probes and backups."),
        ("/readyz", "Operations", "Probes and backups."),
        ("/v1/", "Ingest", "Events in: Segment's HTTP Tracking API and GitHub webhooks."),
        ("/hooks/", "Ingest", "Events in: Segment's HTTP Tracking API and GitHub webhooks."),
        ("/l/", "Links", "Tracked links."),
    ];

    /// <summary>Tags every operation by its path, and lists the tags used, with their descriptions, on the document.</summary>
    public static void Apply(OpenApiDocument document)
    {
        var used = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, item) in document.Paths)
        {
            var (tag, description) = Of(path);
            used[tag] = description;
            foreach (var operation in item.Operations?.Values.AsEnumerable() ?? [])
            {
                operation.Tags = new HashSet<OpenApiTagReference> { new(tag, document) };
            }
        }

        document.Tags = new HashSet<OpenApiTag>(used.Select(pair => new OpenApiTag { Name = pair.Key, Description = pair.Value }));
    }

    /// <summary>The area of a path; a path no area claims is tagged by its first segment.</summary>
    private static (string Tag, string Description) Of(string path)
    {
        foreach (var (prefix, tag, description) in Areas)
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal))
            {
                return (tag, description);
            }
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var segment = segments is ["api", "v1", var area, ..] ? area : segments.FirstOrDefault() ?? "rapport";
        var name = char.ToUpperInvariant(segment[0]) + segment[1..];
        return (name, $"The {segment} endpoints.");
    }
}
