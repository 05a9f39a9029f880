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
        // Keys that differ only in their last bytes, as hand-made test keys do: they must still spread and survive
        // every doubling from 16 slots to 131,072.
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

    private static Guid Key(int n) => new(0, 0, 0, 0, 0, 0, 0, (byte)(n >> 16), (byte)(n >> 8), (byte)n, 0);
}
