namespace Rapport.Core.Ingest;

/// <summary>
/// The message keys a workspace has stored, for idempotency: an exact set of 128-bit keys in one open-addressing
/// table (linear probing, power-of-two size, at most 80 % full).
/// </summary>
/// <remarks>
/// A <see cref="HashSet{T}"/> of <see cref="Guid"/> spends 28 bytes a slot (the key, its hash code, a next index and
/// a bucket) and grows to about twice its count; this table spends 16 bytes a slot, so importing 10 million messages
/// holds 256 MiB of keys instead of about 350 MiB, and less while growing. Keys are hashes of message ids, so their
/// bits are already spread; they are mixed once more so that hand-made keys in tests spread as well. The all-zero
/// key marks an empty slot and is remembered by a flag of its own.
/// </remarks>
public sealed class MessageKeySet
{
    private const int MinimumCapacity = 16;

    private Guid[] _slots;
    private int _count;
    private bool _hasEmptyKey;

    public MessageKeySet(int capacity = 0)
    {
        _slots = new Guid[SlotsFor(capacity)];
    }

    public int Count => _count + (_hasEmptyKey ? 1 : 0);

    /// <summary>Adds a key; returns <c>false</c> when it was already in the set.</summary>
    public bool Add(Guid key)
    {
        if (key == Guid.Empty)
        {
            var added = !_hasEmptyKey;
            _hasEmptyKey = true;
            return added;
        }

        if ((_count + 1) * 5L > _slots.Length * 4L)
        {
            Grow();
        }

        var mask = _slots.Length - 1;
        for (var slot = Home(key, mask); ; slot = (slot + 1) & mask)
        {
            ref var candidate = ref _slots[slot];
            if (candidate == Guid.Empty)
            {
                candidate = key;
                _count++;
                return true;
            }

            if (candidate == key)
            {
                return false;
            }
        }
    }

    public bool Contains(Guid key)
    {
        if (key == Guid.Empty)
        {
            return _hasEmptyKey;
        }

        var mask = _slots.Length - 1;
        for (var slot = Home(key, mask); ; slot = (slot + 1) & mask)
        {
            var candidate = _slots[slot];
            if (candidate == Guid.Empty)
            {
                return false;
            }

            if (candidate == key)
            {
                return true;
            }
        }
    }

    public void UnionWith(IEnumerable<Guid> keys)
    {
        foreach (var key in keys)
        {
            Add(key);
        }
    }

    /// <summary>Empties the set and gives its memory back.</summary>
    public void Clear()
    {
        _slots = new Guid[MinimumCapacity];
        _count = 0;
        _hasEmptyKey = false;
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new Guid[old.Length * 2];
        var mask = _slots.Length - 1;
        foreach (var key in old)
        {
            if (key == Guid.Empty)
            {
                continue;
            }

            var slot = Home(key, mask);
            while (_slots[slot] != Guid.Empty)
            {
                slot = (slot + 1) & mask;
            }

            _slots[slot] = key;
        }
    }

    private static int Home(Guid key, int mask)
    {
        Span<ulong> halves = stackalloc ulong[2];
        System.Runtime.InteropServices.MemoryMarshal.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(halves), in key);
        // Fibonacci hashing: the multiplication carries every bit of the key into the high bits used for the slot.
        var mixed = (halves[0] ^ (halves[1] * 0x9E3779B97F4A7C15UL)) * 0x9E3779B97F4A7C15UL;
        return (int)(mixed >> 32) & mask;
    }

    private static int SlotsFor(int capacity)
    {
        var needed = Math.Max(MinimumCapacity, (long)capacity * 5 / 4 + 1);
        return (int)Math.Min(1L << 30, System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)needed));
    }
}
