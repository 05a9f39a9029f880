using Rapport.Core.Ingest;

namespace Rapport.Core.Tests.Ingest;

public sealed class MessageKeySetTests
{
    [Fact]
    public void A_key_is_added_once()
    {
        var keys = new MessageKeySet();
        var key = Guid.Parse("6f1c2a7e-0b5d-4e3a-9c8f-1a2b3c4d5e6f");

        var first = keys.Add(key);
        var second = keys.Add(key);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(1, keys.Count);
        Assert.True(keys.MayContain(key));
        Assert.False(keys.MayContain(Guid.Parse("6f1c2a7e-0b5d-4e3a-9c8f-1a2b3c4d5e60")));
    }

    [Fact]
    public void The_all_zero_key_is_a_key_like_any_other()
    {
        var keys = new MessageKeySet();

        Assert.False(keys.MayContain(Guid.Empty));
        Assert.True(keys.Add(Guid.Empty));
        Assert.False(keys.Add(Guid.Empty));
        Assert.True(keys.MayContain(Guid.Empty));
        Assert.Equal(1, keys.Count);
    }

    [Fact]
    public void Growing_keeps_every_key_and_tells_new_from_stored()
    {
        // Keys that differ only in their last bytes, as hand-made test keys do: they must still spread over the shards
        // and survive every shard's doublings.
        var keys = new MessageKeySet();
        for (var i = 1; i <= 100_000; i++)
        {
            Assert.True(keys.Add(Key(i)));
        }

        var readded = 0;
        for (var i = 1; i <= 100_000; i++)
        {
            readded += keys.Add(Key(i)) ? 1 : 0;
        }

        Assert.Equal(100_000, keys.Count);
        Assert.Equal(0, readded);
        Assert.True(keys.MayContain(Key(1)));
        Assert.True(keys.MayContain(Key(100_000)));
        Assert.False(keys.MayContain(Key(100_001)));
    }

    [Fact]
    public void Union_adds_only_keys_not_yet_there_and_clear_forgets_them()
    {
        var keys = new MessageKeySet(capacity: 3);
        keys.Add(Key(1));

        keys.UnionWith([Key(1), Key(2), Key(3), Key(2)]);

        Assert.Equal(3, keys.Count);
        keys.Clear();
        Assert.Equal(0, keys.Count);
        Assert.False(keys.MayContain(Key(1)));
        Assert.True(keys.Add(Key(1)));
    }

    [Fact]
    public void Keys_with_one_fingerprint_share_a_slot_and_the_second_is_reported_as_probably_known()
    {
        // A fingerprint function that keeps only the byte of the key that Key(n) fills with n % 256 forces collisions between keys 1 and 257.
        var keys = new MessageKeySet(0, key => key.ToByteArray()[14] + 1UL);

        Assert.True(keys.Add(Key(1)));
        Assert.False(keys.Add(Key(257)));
        Assert.True(keys.Add(Key(2)));
        Assert.True(keys.MayContain(Key(513)));
        Assert.False(keys.MayContain(Key(3)));
        Assert.Equal(2, keys.Count);
    }

    [Fact]
    public void The_fingerprint_mixes_both_halves_of_the_key()
    {
        var low = new Guid(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        var high = new Guid(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        Assert.NotEqual(MessageKeySet.FingerprintOf(low), MessageKeySet.FingerprintOf(high));
        Assert.Equal(0UL, MessageKeySet.FingerprintOf(Guid.Empty));
        Assert.Equal(MessageKeySet.FingerprintOf(low), MessageKeySet.FingerprintOf(new Guid(low.ToByteArray())));
    }

    [Fact]
    public void A_shard_doubles_on_its_own_when_a_thirteenth_key_would_fill_more_than_four_fifths_of_its_sixteen_slots()
    {
        // Key(n) lands in shard 0 at home slot n (see ShardedAt); Key(n) with shard 1 lands in another shard.
        var keys = new MessageKeySet(0, key => ShardedAt(key));
        Assert.Equal(0, keys.SlotCount);

        for (var i = 1; i <= 12; i++)
        {
            keys.Add(Key(i));
        }

        var beforeGrowing = keys.SlotCount;
        keys.Add(Key(13));
        var afterGrowing = keys.SlotCount;
        keys.Add(Key(1, shard: 1));

        Assert.Equal((16L, 32L, 48L, 14), (beforeGrowing, afterGrowing, keys.SlotCount, keys.Count));
        Assert.All(Enumerable.Range(1, 13), i => Assert.True(keys.MayContain(Key(i))));
        Assert.True(keys.MayContain(Key(1, shard: 1)));
        Assert.False(keys.MayContain(Key(14)));
        Assert.False(keys.MayContain(Key(2, shard: 1)));
    }

    [Fact]
    public void Different_fingerprints_with_one_home_slot_are_both_kept_by_probing_past_each_other()
    {
        // In a shard of 16 slots, homes 1 and 17 are the same slot.
        var keys = new MessageKeySet(0, key => ShardedAt(key));

        Assert.True(keys.Add(Key(1)));
        Assert.True(keys.Add(Key(17)));
        Assert.False(keys.Add(Key(17)));

        Assert.Equal(2, keys.Count);
        Assert.True(keys.MayContain(Key(1)));
        Assert.True(keys.MayContain(Key(17)));
        Assert.False(keys.MayContain(Key(33)));
    }

    [Fact]
    public void A_capacity_sizes_every_shard_up_front()
    {
        // 4,096 shards; 40,960 keys is 10 a shard, which needs 13 slots: 16 each.
        var keys = new MessageKeySet(capacity: 40_960);

        Assert.Equal(65_536L, keys.SlotCount);
        keys.Clear();
        Assert.Equal(0L, keys.SlotCount);
    }

    /// <summary>
    /// A fingerprint whose mixed value (the fingerprint times the set's multiplier) is chosen by the key: the shard
    /// in its top 12 bits, the home slot from bit 20. Multiplying by the multiplier's inverse undoes the mixing.
    /// </summary>
    private static ulong ShardedAt(Guid key)
    {
        var bytes = key.ToByteArray();
        var home = (ulong)(bytes[13] << 8 | bytes[14]);
        var shard = (ulong)bytes[15];
        return ((shard << 52) | (home << 20)) * InverseOfMultiplier;
    }

    private static readonly ulong InverseOfMultiplier = Inverse(0x9E3779B97F4A7C15UL);

    private static ulong Inverse(ulong odd)
    {
        // Newton's iteration doubles the correct low bits each step: 3, 6, 12, 24, 48, 96.
        var inverse = odd;
        for (var i = 0; i < 5; i++)
        {
            inverse *= 2 - (odd * inverse);
        }

        return inverse;
    }

    private static Guid Key(int n, byte shard) => new(0, 0, 0, 0, 0, 0, 0, 0, (byte)(n >> 8), (byte)n, shard);

    private static Guid Key(int n) => new(0, 0, 0, 0, 0, 0, 0, (byte)(n >> 16), (byte)(n >> 8), (byte)n, 0);
}
