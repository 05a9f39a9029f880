using Rapport.Core.Journey;
using Rapport.Core.Members;

namespace Rapport.Storage.Tests;

/// <summary>A member's stored progress as plain values, so that progress from two stores compares with <c>Assert.Equal</c>.</summary>
internal sealed record StoredProgress(
    DateTime? FirstActivity,
    DateTime? LastActivity,
    long ActivityCount,
    DateTime? Discover,
    DateTime? Evaluate,
    DateTime? Learn,
    DateTime? Build,
    DateTime? Scale)
{
    public static StoredProgress From(MemberProgress progress) => new(
        progress.FirstActivity,
        progress.LastActivity,
        progress.ActivityCount,
        progress.ReachedAt(JourneyStage.Discover),
        progress.ReachedAt(JourneyStage.Evaluate),
        progress.ReachedAt(JourneyStage.Learn),
        progress.ReachedAt(JourneyStage.Build),
        progress.ReachedAt(JourneyStage.Scale));
}
