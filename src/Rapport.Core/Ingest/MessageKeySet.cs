using System.Numerics;
using System.Runtime.InteropServices;

namespace Rapport.Core.Ingest;

/// <summary>
/// The message keys a workspace has stored, for idempotency, as 64-bit fingerprints in open-addressing tables
/// (linear probing, power-of-two sizes, each at most 80 % full). A new fingerprint means a new message for certain; a
/// fingerprint already there means the message was <em>probably</em> seen, and the ingest batch holds it as a
/// suspect until the store confirms its full key (<see cref="IngestBatch.ConfirmSuspects"/>), so a collision of
/// two 64-bit fingerprints never drops a message.
/// </summary>
/// <remarks>
/// The full 128-bit keys cost 16 bytes a slot: 256 MiB for the 16 million slots of a 10-million-message import.
/// Fingerprints halve that. Among 10 million keys the chance that any two fingerprints collide is about 3 in a
/// million (n² / 2⁶⁵), so confirmation costs almost nothing unless messages really are repeated. Keys are hashes of
/// message ids, so their bits are already spread; the fingerprint mixes both halves anyway so that hand-made keys in
/// tests spread as well. The all-zero fingerprint marks an empty slot and is remembered by a flag of its own.
/// <para>
/// The slots are split into 4,096 shards by the top bits of the mixed fingerprint, each growing on its own: one
/// table doubling in one piece needs the old and the new array at once (64 + 128 MiB at ten million keys) and leaves
/// the old one as a hole in the large-object heap; a shard doubles 1/4,096 of that, and up to about 30 million keys
/// a shard stays below the large-object heap, where the collector compacts as usual.
/// </para>
/// </remarks>
public sealed class MessageKeySet
{
    private const int ShardBits = 12;
    private const int ShardCount = 1 << ShardBits;
    private const int MinimumShardSlots = 16;
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    private readonly Func<Guid, ulong> _fingerprint;
    private readonly ulong[][] _shards = new ulong[ShardCount][];
    private readonly int[] _shardCounts = new int[ShardCount];
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
        Allocate(capacity);
    }

    /// <summary>How many distinct fingerprints the set holds.</summary>
    public int Count => _count + (_hasZero ? 1 : 0);

    /// <summary>Slots allocated over all shards: what the set costs, 8 bytes each.</summary>
    public long SlotCount => _shards.Sum(shard => (long)shard.Length);

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

        var mixed = fingerprint * Golden;
        var shard = ShardOf(mixed);
        ref var slots = ref _shards[shard];
        if ((_shardCounts[shard] + 1) * 5L > slots.Length * 4L)
        {
            slots = Grown(slots);
        }

        var mask = slots.Length - 1;
        for (var slot = Home(mixed, mask); ; slot = (slot + 1) & mask)
        {
            ref var candidate = ref slots[slot];
            if (candidate == 0)
            {
                candidate = fingerprint;
                _shardCounts[shard]++;
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

        var mixed = fingerprint * Golden;
        var slots = _shards[ShardOf(mixed)];
        if (slots.Length == 0)
        {
            return false;
        }

        var mask = slots.Length - 1;
        for (var slot = Home(mixed, mask); ; slot = (slot + 1) & mask)
        {
            var candidate = slots[slot];
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
        Allocate(0);
        _count = 0;
        _hasZero = false;
    }

    /// <summary>The 64-bit fingerprint of a key: both halves, mixed.</summary>
    public static ulong FingerprintOf(Guid key)
    {
        Span<ulong> halves = stackalloc ulong[2];
        MemoryMarshal.Write(MemoryMarshal.AsBytes(halves), in key);
        return halves[0] ^ BitOperations.RotateLeft(halves[1] * Golden, 31);
    }

    /// <summary>Sizes every shard for its share of <paramref name="capacity"/> keys; an empty shard allocates on first use.</summary>
    private void Allocate(int capacity)
    {
        var perShard = capacity / ShardCount;
        for (var shard = 0; shard < ShardCount; shard++)
        {
            _shards[shard] = perShard == 0 ? [] : new ulong[SlotsFor(perShard)];
            _shardCounts[shard] = 0;
        }
    }

    private static ulong[] Grown(ulong[] old)
    {
        var slots = new ulong[Math.Max(MinimumShardSlots, old.Length * 2)];
        var mask = slots.Length - 1;
        foreach (var fingerprint in old)
        {
            if (fingerprint == 0)
            {
                continue;
            }

            var slot = Home(fingerprint * Golden, mask);
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = fingerprint;
        }

        return slots;
    }

    // Fibonacci hashing: the multiplication carries every bit of the fingerprint into the high bits; the top ones
    // choose the shard, the ones below them the slot, so the two choices do not depend on each other.
    private static int ShardOf(ulong mixed) => (int)(mixed >> (64 - ShardBits));

    private static int Home(ulong mixed, int mask) => (int)(mixed >> 20) & mask;

    private static int SlotsFor(int capacity) =>
        (int)BitOperations.RoundUpToPowerOf2((ulong)Math.Max(MinimumShardSlots, (long)capacity * 5 / 4 + 1));
}
