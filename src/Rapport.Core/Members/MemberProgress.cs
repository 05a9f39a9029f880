using System.Runtime.CompilerServices;
using Rapport.Core.Journey;

namespace Rapport.Core.Members;

/// <summary>
/// What a member's activities add up to: first and last activity, how many, and the first time each journey stage
/// was reached. Reaching a stage also reaches every earlier one at that moment, so the stage times never decrease.
/// Combining two progresses (a merge, or a batch on top of stored state) is order-independent: minimums, maximums
/// and sums; the first touch, of the activities at the first instant, the channel first in code-point order.
/// </summary>
public struct MemberProgress : IEquatable<MemberProgress>
{
    // Times are UTC ticks with 0 for "not yet": half the size of DateTime?, which matters for a million members
    // held in memory during an import.
    private long _first;
    private long _last;
    private StageTicks _reached;
    private string? _firstTouch;

    public readonly DateTime? FirstActivity => ToTime(_first);

    public readonly DateTime? LastActivity => ToTime(_last);

    public long ActivityCount { get; private set; }

    /// <summary>
    /// The first touch: the channel, in lower case, of an activity at <see cref="FirstActivity"/>, or <c>null</c> when
    /// none there names one. Of several, the first in code-point order, which is the byte order of UTF-8 and so of SQL's
    /// <c>COLLATE "C"</c>: the choice does not depend on the order the activities arrived in.
    /// </summary>
    public readonly string? FirstTouchChannel => _firstTouch;

    /// <summary>The highest stage reached, or <c>null</c> when no activity maps to a stage.</summary>
    public readonly JourneyStage? Stage
    {
        get
        {
            for (var i = JourneyStages.Count - 1; i >= 0; i--)
            {
                if (_reached[i] != 0)
                {
                    return (JourneyStage)i;
                }
            }

            return null;
        }
    }

    public readonly DateTime? ReachedAt(JourneyStage stage) => ToTime(_reached[(int)stage]);

    /// <summary>Counts one activity at <paramref name="at"/> that maps to <paramref name="stage"/> (or to none).</summary>
    public void Include(DateTime at, JourneyStage? stage) => Include(at, stage, channel: null);

    /// <summary>
    /// Counts one activity at <paramref name="at"/> that maps to <paramref name="stage"/> (or to none) and came through
    /// <paramref name="channel"/>, already in lower case (or <c>null</c>). The channel is only read when the activity
    /// <see cref="ReachesFirstActivity">reaches the first activity</see>, so a caller may pass <c>null</c> otherwise.
    /// </summary>
    public void Include(DateTime at, JourneyStage? stage, string? channel)
    {
        var ticks = at.Ticks;
        IncludeFirstTouch(ticks, channel);
        _first = Min(_first, ticks);
        _last = Math.Max(_last, ticks);
        ActivityCount++;
        if (stage is { } reached)
        {
            for (var i = 0; i <= (int)reached; i++)
            {
                _reached[i] = Min(_reached[i], ticks);
            }
        }
    }

    /// <summary>Whether an activity at <paramref name="at"/> would be, or tie with, the first activity.</summary>
    public readonly bool ReachesFirstActivity(DateTime at) => _first == 0 || at.Ticks <= _first;

    /// <summary>
    /// Counts <paramref name="count"/> activities of one type, the earliest at <paramref name="first"/> and the
    /// latest at <paramref name="last"/>, that map to <paramref name="stage"/>: what <see cref="Include(DateTime, JourneyStage?)"/>
    /// of each of them adds up to, from an aggregate the store computes.
    /// </summary>
    public void Include(DateTime first, DateTime last, long count, JourneyStage? stage)
    {
        if (count <= 0)
        {
            return;
        }

        Include(first, stage);
        _last = Math.Max(_last, last.Ticks);
        ActivityCount += count - 1;
    }

    public void Merge(in MemberProgress other)
    {
        if (other._first != 0)
        {
            IncludeFirstTouch(other._first, other._firstTouch);
        }

        _first = Min(_first, other._first);
        _last = Math.Max(_last, other._last);
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
            _first = firstActivity?.Ticks ?? 0,
            _last = lastActivity?.Ticks ?? 0,
            ActivityCount = activityCount,
        };
        for (var i = 0; i < JourneyStages.Count && i < reachedAt.Length; i++)
        {
            progress._reached[i] = reachedAt[i]?.Ticks ?? 0;
        }

        return progress;
    }

    public readonly bool Equals(MemberProgress other)
    {
        if (_first != other._first || _last != other._last || ActivityCount != other.ActivityCount
            || !string.Equals(_firstTouch, other._firstTouch, StringComparison.Ordinal))
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

    public override readonly int GetHashCode() => HashCode.Combine(_first, _last, ActivityCount, _reached[0], _reached[^1]);

    public static bool operator ==(MemberProgress left, MemberProgress right) => left.Equals(right);

    public static bool operator !=(MemberProgress left, MemberProgress right) => !left.Equals(right);

    /// <summary>
    /// Code-point order. UTF-16's ordinal order differs from it only where a surrogate (a code point above U+FFFF)
    /// meets a character from U+E000 to U+FFFF, which UTF-16 sorts first and UTF-8, like the stores, last.
    /// </summary>
    private static int CompareCodePoints(string a, string b)
    {
        var at = a.AsSpan().CommonPrefixLength(b);
        if (at == a.Length || at == b.Length)
        {
            return a.Length - b.Length;
        }

        var (x, y) = (a[at], b[at]);
        return char.IsSurrogate(x) == char.IsSurrogate(y) ? x.CompareTo(y) : char.IsSurrogate(x) ? 1 : -1;
    }

    /// <summary>Takes a channel seen at <paramref name="ticks"/> into the first touch, before <c>_first</c> moves.</summary>
    private void IncludeFirstTouch(long ticks, string? channel)
    {
        if (_first == 0 || ticks < _first)
        {
            _firstTouch = channel;
        }
        else if (ticks == _first && channel is not null && (_firstTouch is null || CompareCodePoints(channel, _firstTouch) < 0))
        {
            _firstTouch = channel;
        }
    }

    private static DateTime? ToTime(long ticks) => ticks == 0 ? null : new DateTime(ticks, DateTimeKind.Utc);

    /// <summary>The earlier of two times, where 0 (not yet) is later than any time.</summary>
    private static long Min(long a, long b) => a == 0 ? b : b == 0 ? a : Math.Min(a, b);

    [InlineArray(JourneyStages.Count)]
    private struct StageTicks
    {
        private long _element;
    }
}
