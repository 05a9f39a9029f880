using System.Runtime.CompilerServices;
using Rapport.Core.Journey;

namespace Rapport.Core.Members;

/// <summary>
/// What a member's activities add up to: first and last activity, how many, and the first time each journey stage
/// was reached. Reaching a stage also reaches every earlier one at that moment, so the stage times never decrease.
/// Combining two progresses (a merge, or a batch on top of stored state) is order-independent: minimums, maximums
/// and sums.
/// </summary>
public struct MemberProgress : IEquatable<MemberProgress>
{
    private StageTimes _reached;

    public DateTime? FirstActivity { get; private set; }

    public DateTime? LastActivity { get; private set; }

    public long ActivityCount { get; private set; }

    /// <summary>The highest stage reached, or <c>null</c> when no activity maps to a stage.</summary>
    public readonly JourneyStage? Stage
    {
        get
        {
            for (var i = JourneyStages.Count - 1; i >= 0; i--)
            {
                if (_reached[i] is not null)
                {
                    return (JourneyStage)i;
                }
            }

            return null;
        }
    }

    public readonly DateTime? ReachedAt(JourneyStage stage) => _reached[(int)stage];

    /// <summary>Counts one activity at <paramref name="at"/> that maps to <paramref name="stage"/> (or to none).</summary>
    public void Include(DateTime at, JourneyStage? stage)
    {
        FirstActivity = Min(FirstActivity, at);
        LastActivity = Max(LastActivity, at);
        ActivityCount++;
        if (stage is { } reached)
        {
            for (var i = 0; i <= (int)reached; i++)
            {
                _reached[i] = Min(_reached[i], at);
            }
        }
    }

    public void Merge(in MemberProgress other)
    {
        FirstActivity = Min(FirstActivity, other.FirstActivity);
        LastActivity = Max(LastActivity, other.LastActivity);
        ActivityCount += other.ActivityCount;
        for (var i = 0; i < JourneyStages.Count; i++)
        {
            _reached[i] = Min(_reached[i], other._reached[i]);
        }
    }

    /// <summary>Rebuilds a progress from stored columns.</summary>
    public static MemberProgress FromStored(
        DateTime? firstActivity, DateTime? lastActivity, long activityCount, ReadOnlySpan<DateTime?> reachedAt)
    {
        var progress = new MemberProgress
        {
            FirstActivity = firstActivity,
            LastActivity = lastActivity,
            ActivityCount = activityCount,
        };
        for (var i = 0; i < JourneyStages.Count && i < reachedAt.Length; i++)
        {
            progress._reached[i] = reachedAt[i];
        }

        return progress;
    }

    public readonly bool Equals(MemberProgress other)
    {
        if (FirstActivity != other.FirstActivity || LastActivity != other.LastActivity || ActivityCount != other.ActivityCount)
        {
            return false;
        }

        for (var i = 0; i < JourneyStages.Count; i++)
        {
            if (_reached[i] != other._reached[i])
            {
                return false;
            }
        }

        return true;
    }

    public override readonly bool Equals(object? obj) => obj is MemberProgress other && Equals(other);

    public override readonly int GetHashCode() => HashCode.Combine(FirstActivity, LastActivity, ActivityCount, _reached[0], _reached[^1]);

    public static bool operator ==(MemberProgress left, MemberProgress right) => left.Equals(right);

    public static bool operator !=(MemberProgress left, MemberProgress right) => !left.Equals(right);

    private static DateTime? Min(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static DateTime? Max(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;

    [InlineArray(JourneyStages.Count)]
    private struct StageTimes
    {
        private DateTime? _element;
    }
}
