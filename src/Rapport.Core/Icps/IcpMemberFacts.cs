using System.Text.Json;

namespace Rapport.Core.Icps;

/// <summary>
/// What ICP rules look at for one developer: their traits (the latest value of each), their organization (the
/// <c>company</c> trait, else a work address's domain), the organization's attributes (the traits of the latest
/// Segment <c>group</c> call for the developer's <c>groupId</c>, plus <c>name</c> and <c>developers</c>), and the
/// activity types they have, with counts and latest times.
/// </summary>
public sealed record IcpMemberFacts(
    long MemberId,
    IReadOnlyDictionary<string, JsonElement> Traits,
    string? Organization,
    IReadOnlyDictionary<string, JsonElement> OrganizationAttributes,
    IReadOnlyDictionary<string, ActivityPresence> Activities);
