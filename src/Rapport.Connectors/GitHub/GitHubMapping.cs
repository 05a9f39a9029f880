using Rapport.Core.Ingest;

namespace Rapport.Connectors.GitHub;

/// <summary>What a delivery became: its activities, or the reason it was acknowledged and ignored.</summary>
public sealed record GitHubMapping(string Event, string? Action, IReadOnlyList<IngestMessage> Messages, string? IgnoredReason)
{
    public bool IsIgnored => IgnoredReason is not null;

    public static GitHubMapping Ignored(string gitHubEvent, string? action, string reason) => new(gitHubEvent, action, [], reason);
}
