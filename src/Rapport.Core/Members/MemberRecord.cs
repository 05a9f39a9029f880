using System.Text.Json;
using Rapport.Core.Identities;
using Rapport.Core.Journey;

namespace Rapport.Core.Members;

/// <summary>
/// One developer as the members CSV exports them: identities (oldest first), traits (the latest value of each),
/// tags, organization and current stage.
/// </summary>
public sealed record MemberRecord(
    long Id,
    IReadOnlyList<Identity> Identities,
    IReadOnlyDictionary<string, JsonElement> Traits,
    IReadOnlyList<string> Tags,
    string? Organization,
    JourneyStage? Stage);
