using Rapport.Core.Journey;

namespace Rapport.Core.Community;

/// <summary>A member who became stalled at <see cref="Stage"/> (since <see cref="Since"/>).</summary>
public sealed record StalledMember(long MemberId, JourneyStage Stage, DateTime Since);
