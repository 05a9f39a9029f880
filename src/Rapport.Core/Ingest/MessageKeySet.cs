using System.Numerics;
using System.Runtime.InteropServices;

namespace Rapport.Core.Ingest;

/// <summary>
/// The message keys a workspace has stored, for idempotency, as 64-bit fingerprints in one open-addressing table
/// (linear probing, power-of-two size, at most 80 % full). A new fingerprint means a new message for certain; a
/// fingerprint already there means the message was <em>probably</em> seen, and the ingest batch holds it as a
/// suspect until the store confirms its full key (<see cref="IngestBatch.ConfirmSuspects"/>), so a collision of
/// two 64-bit fingerprints never drops a message.
/// </summary>
/// <remarks>
/// The full 128-bit keys cost 16 bytes a slot: 256 MiB for the 16 million slots of a 10-million-message import, and
/// 384 MiB while the table doubles. Fingerprints halve that. Among 10 million keys the chance that any two
/// fingerprints collide is about 3 in a million (n² / 2⁶⁵), so confirmation costs almost nothing unless messages
/// really are repeated. Keys are hashes of message ids, so their bits are already spread; the fingerprint mixes
/// both halves anyway so that hand-made keys in tests spread as well. The all-zero fingerprint marks an empty slot
/// and is remembered by a flag of its own.
/// </remarks>
public sealed class MessageKeySet
{
    private const int MinimumCapacity = 16;

    private readonly Func<Guid, ulong> _fingerprint;
    private ulong[] _slots;
    private int _count;
    private bool _hasZero;

    public MessageKeySet(int capacity = 0)
        : this(capacity, FingerprintOf)
    {
    }

    /// <summary>A set with its own fingerprint function: tests force collisions with it.</summary>
    public MessageKeySet(int capacity, Func<Guid, ulong> fingerprint)
    {
        _fingerprint = fingerprint;
        _slots = new ulong[SlotsFor(capacity)];
    }

    /// <summary>How many distinct fingerprints the set holds.</summary>
    public int Count => _count + (_hasZero ? 1 : 0);

    /// <summary>Adds a key's fingerprint; returns <c>false</c> when it was already there (the key was probably added before).</summary>
    public bool Add(Guid key)
    {
        var fingerprint = _fingerprint(key);
        if (fingerprint == 0)
        {
            var added = !_hasZero;
            _hasZero = true;
            return added;
        }

        if ((_count + 1) * 5L > _slots.Length * 4L)
        {
            Grow();
        }

        var mask = _slots.Length - 1;
        for (var slot = Home(fingerprint, mask); ; slot = (slot + 1) & mask)
        {
            ref var candidate = ref _slots[slot];
            if (candidate == 0)
            {
                candidate = fingerprint;
                _count++;
                return true;
            }

            if (candidate == fingerprint)
            {
                return false;
            }
        }
    }

    /// <summary>Whether the key's fingerprint is in the set: <c>false</c> is certain, <c>true</c> is probable.</summary>
    public bool MayContain(Guid key)
    {
        var fingerprint = _fingerprint(key);
        if (fingerprint == 0)
        {
            return _hasZero;
        }

        var mask = _slots.Length - 1;
        for (var slot = Home(fingerprint, mask); ; slot = (slot + 1) & mask)
        {
            var candidate = _slots[slot];
            if (candidate == 0)
            {
                return false;
            }

            if (candidate == fingerprint)
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
        _slots = new ulong[MinimumCapacity];
        _count = 0;
        _hasZero = false;
    }

    /// <summary>The 64-bit fingerprint of a key: both halves, mixed.</summary>
    public static ulong FingerprintOf(Guid key)
    {
        Span<ulong> halves = stackalloc ulong[2];
        MemoryMarshal.Write(MemoryMarshal.AsBytes(halves), in key);
        return halves[0] ^ BitOperations.RotateLeft(halves[1] * 0x9E3779B97F4A7C15UL, 31);
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new ulong[old.Length * 2];
        var mask = _slots.Length - 1;
        foreach (var fingerprint in old)
        {
            if (fingerprint == 0)
            {
                continue;
            }

            var slot = Home(fingerprint, mask);
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _slots[slot] = fingerprint;
        }
    }

    // Fibonacci hashing: the multiplication carries every bit of the fingerprint into the high bits used for the slot.
    private static int Home(ulong fingerprint, int mask) => (int)((fingerprint * 0x9E3779B97F4A7C15UL) >> 32) & mask;

    private static int SlotsFor(int capacity)
    {
        var needed = Math.Max(MinimumCapacity, (long)capacity * 5 / 4 + 1);
        return (int)Math.Min(1L << 30, BitOperations.RoundUpToPowerOf2((ulong)needed));
    }
}
