using Rapport.Core.Members;

namespace Rapport.Core.Ingest;

/// <summary>
/// The progress of the members one batch creates, indexed by member id: a batch creates members with consecutive
/// ids from the graph's next id, so their progress lives in arrays at <c>id - firstId</c> rather than in a dictionary.
/// </summary>
/// <remarks>
/// A dictionary entry of a member's progress costs about 80 bytes and the table doubles as it grows; an array slot
/// costs 72, and the pages (1,024 members, 72 KiB: below the large-object heap) are never copied. At a million new
/// developers that is 70 MiB instead of up to 170 MiB while the dictionary resizes. A member counts only once it is
/// touched: a member created on a message whose activity belongs to another member (a guard kept them apart) has no
/// progress of its own, as before.
/// </remarks>
public sealed class CreatedMemberProgress(long firstId)
{
    private const int PageShift = 10;
    private const int PageSize = 1 << PageShift;

    private readonly List<Slot[]> _pages = [];

    /// <summary>The first member id the batch created (the graph's next id when it began).</summary>
    public long FirstId { get; } = firstId;

    /// <summary>How many members have been touched (and not released).</summary>
    public int Count { get; private set; }

    /// <summary>Whether <paramref name="memberId"/> is a member this batch created.</summary>
    public bool Holds(long memberId) => memberId >= FirstId;

    /// <summary>The progress of a member this batch created, marked as touched; created on first use.</summary>
    public ref MemberProgress Touch(long memberId)
    {
        var index = IndexOf(memberId);
        var page = index >> PageShift;
        while (_pages.Count <= page)
        {
            _pages.Add(new Slot[PageSize]);
        }

        ref var slot = ref _pages[page][index & (PageSize - 1)];
        if (!slot.Touched)
        {
            slot.Touched = true;
            Count++;
        }

        return ref slot.Progress;
    }

    public bool IsTouched(long memberId)
    {
        var index = IndexOf(memberId);
        var page = index >> PageShift;
        return page < _pages.Count && _pages[page][index & (PageSize - 1)].Touched;
    }

    /// <summary>A touched member's progress (default for one never touched).</summary>
    public MemberProgress Get(long memberId)
    {
        var index = IndexOf(memberId);
        var page = index >> PageShift;
        return page < _pages.Count ? _pages[page][index & (PageSize - 1)].Progress : default;
    }

    /// <summary>Forgets a member (absorbed into another) and returns the progress it had.</summary>
    public MemberProgress Release(long memberId)
    {
        var index = IndexOf(memberId);
        var page = index >> PageShift;
        if (page >= _pages.Count)
        {
            return default;
        }

        ref var slot = ref _pages[page][index & (PageSize - 1)];
        var progress = slot.Progress;
        if (slot.Touched)
        {
            Count--;
        }

        slot = default;
        return progress;
    }

    /// <summary>The touched members' ids, lowest first.</summary>
    public long[] TouchedIds()
    {
        var ids = new long[Count];
        var next = 0;
        for (var page = 0; page < _pages.Count; page++)
        {
            var slots = _pages[page];
            for (var i = 0; i < slots.Length; i++)
            {
                if (slots[i].Touched)
                {
                    ids[next++] = FirstId + ((long)page << PageShift) + i;
                }
            }
        }

        return ids;
    }

    private int IndexOf(long memberId)
    {
        var index = memberId - FirstId;
        ArgumentOutOfRangeException.ThrowIfNegative(index, nameof(memberId));
        return checked((int)index);
    }

    private struct Slot
    {
        public MemberProgress Progress;
        public bool Touched;
    }
}
