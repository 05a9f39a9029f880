using System.Text.Json;
using Rapport.Core.Journey;

namespace Rapport.Core.Members;

/// <summary>Everything the member page shows about one developer.</summary>
public sealed record MemberProfile(
    long Id,
    string? Name,
    IReadOnlyList<string> Identities,
    IReadOnlyDictionary<string, JsonElement> Traits,
    JourneyStage? Stage,
    IReadOnlyDictionary<JourneyStage, DateTime> StagesReached,
    long ActivityCount,
    DateTime? FirstActivity,
    DateTime? LastActivity);
