using System.Text.Json;
using Rapport.Core.Community;
using Rapport.Core.Journey;
using Rapport.Core.Members;

namespace Rapport.Web;

/// <summary>
/// A developer as <c>rapport members show --json</c> and <c>GET /api/v1/members/{identity}</c> print them: the profile,
/// and under <c>community</c> their level and why (or <c>null</c> before the first community refresh). A type of its
/// own rather than a JSON node so that the OpenAPI document describes it.
/// </summary>
internal sealed record MemberDocument(
    long Id,
    string? Name,
    IReadOnlyList<string> Identities,
    IReadOnlyDictionary<string, JsonElement> Traits,
    JourneyStage? Stage,
    IReadOnlyDictionary<JourneyStage, DateTime> StagesReached,
    long ActivityCount,
    DateTime? FirstActivity,
    DateTime? LastActivity,
    MemberLevel? Community)
{
    public static MemberDocument Create(MemberProfile profile, MemberLevel? level) => new(
        profile.Id, profile.Name, profile.Identities, profile.Traits, profile.Stage, profile.StagesReached,
        profile.ActivityCount, profile.FirstActivity, profile.LastActivity, level);
}
