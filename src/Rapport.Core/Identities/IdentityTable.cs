using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace Rapport.Core.Identities;

/// <summary>
/// Every identity an <see cref="IdentityGraph"/> knows, with its id and member: values as UTF-8 in 64 KiB pages,
/// ids and members in paged arrays by entry number, and an open-addressing index (linear probing, power-of-two size,
/// at most 75 % full) of entry numbers with their hashes.
/// </summary>
/// <remarks>
/// A <see cref="Dictionary{TKey, TValue}"/> of <see cref="Identity"/> spends about 44 bytes an entry plus a string of
/// 22 bytes and two a character per value, and doubles its arrays on the large-object heap as it grows, leaving the
/// old ones behind as holes: about 300 MiB for the two million identities of a ten-million-message import. Here an
/// identity costs its UTF-8 bytes and a 6-byte header, 16 bytes of id and member, and 8 to 16 bytes of index; only
/// the index is ever copied when it grows. Kinds (a handful) are numbered once.
/// </remarks>
public sealed class IdentityTable
{
    private const int PageShift = 13;
    private const int PageSize = 1 << PageShift;
    private const int ArenaPageBytes = 1 << 16;
    private const int HeaderBytes = 6;

    private readonly Func<Identity, int> _hash;
    private readonly List<string> _kinds = [];
    private readonly Dictionary<string, ushort> _kindNumbers = new(StringComparer.Ordinal);
    private readonly List<long[]> _ids = [];
    private readonly List<long[]> _members = [];
    private readonly List<int[]> _values = [];
    private readonly List<byte[]> _arena = [];
    private int _arenaUsed = ArenaPageBytes;
    private int[] _slots;
    private int[] _slotHashes;

    public IdentityTable(int capacity = 0)
        : this(capacity, identity => identity.GetHashCode())
    {
    }

    /// <summary>A table with its own hash function: tests force collisions with it.</summary>
    public IdentityTable(int capacity, Func<Identity, int> hash)
    {
        _hash = hash;
        var slots = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, (long)capacity * 4 / 3 + 1));
        _slots = new int[slots];
        _slotHashes = new int[slots];
    }

    public int Count { get; private set; }

    /// <summary>The entry number of an identity, or -1 when the table does not hold it.</summary>
    public int Find(Identity identity)
    {
        if (!_kindNumbers.TryGetValue(identity.Kind, out var kind))
        {
            return -1;
        }

        var hash = _hash(identity);
        var length = Encoding.UTF8.GetByteCount(identity.Value);
        byte[]? rented = null;
        var value = length <= 512 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        Encoding.UTF8.GetBytes(identity.Value, value);
        try
        {
            var mask = _slots.Length - 1;
            for (var slot = Home(hash, mask); ; slot = (slot + 1) & mask)
            {
                var entry = _slots[slot] - 1;
                if (entry < 0)
                {
                    return -1;
                }

                if (_slotHashes[slot] == hash && Matches(entry, kind, value))
                {
                    return entry;
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Adds an identity the table does not hold yet and returns its entry number.</summary>
    public int Add(Identity identity, long id, long memberId)
    {
        if ((Count + 1) * 4L > _slots.Length * 3L)
        {
            Grow();
        }

        var entry = Count;
        var page = entry >> PageShift;
        if (page == _ids.Count)
        {
            _ids.Add(new long[PageSize]);
            _members.Add(new long[PageSize]);
            _values.Add(new int[PageSize]);
        }

        var index = entry & (PageSize - 1);
        _ids[page][index] = id;
        _members[page][index] = memberId;
        _values[page][index] = Store(KindNumber(identity.Kind), identity.Value);
        Count++;

        var hash = _hash(identity);
        var mask = _slots.Length - 1;
        var slot = Home(hash, mask);
        while (_slots[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        _slots[slot] = entry + 1;
        _slotHashes[slot] = hash;
        return entry;
    }

    /// <summary>Gives an entry another id and member (a store that loads one identity twice keeps the last).</summary>
    public void Replace(int entry, long id, long memberId)
    {
        _ids[entry >> PageShift][entry & (PageSize - 1)] = id;
        _members[entry >> PageShift][entry & (PageSize - 1)] = memberId;
    }

    public long IdOf(int entry) => _ids[entry >> PageShift][entry & (PageSize - 1)];

    /// <summary>The member an entry was last known to belong to; the graph updates it as members merge.</summary>
    public ref long MemberOf(int entry) => ref _members[entry >> PageShift][entry & (PageSize - 1)];

    /// <summary>The identity an entry holds.</summary>
    public Identity IdentityAt(int entry)
    {
        var (page, offset) = Locate(_values[entry >> PageShift][entry & (PageSize - 1)]);
        var bytes = _arena[page];
        var kind = MemoryMarshal.Read<ushort>(bytes.AsSpan(offset));
        var length = MemoryMarshal.Read<int>(bytes.AsSpan(offset + 2));
        return Identity.Create(_kinds[kind], Encoding.UTF8.GetString(bytes, offset + HeaderBytes, length));
    }

    private bool Matches(int entry, ushort kind, ReadOnlySpan<byte> value)
    {
        var (page, offset) = Locate(_values[entry >> PageShift][entry & (PageSize - 1)]);
        var bytes = _arena[page].AsSpan(offset);
        return MemoryMarshal.Read<ushort>(bytes) == kind
            && MemoryMarshal.Read<int>(bytes[2..]) == value.Length
            && bytes.Slice(HeaderBytes, value.Length).SequenceEqual(value);
    }

    private ushort KindNumber(string kind)
    {
        ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(_kindNumbers, kind, out var exists);
        if (!exists)
        {
            number = checked((ushort)_kinds.Count);
            _kinds.Add(kind);
        }

        return number;
    }

    /// <summary>Copies the kind and value into the arena; returns where (page and offset in one int).</summary>
    private int Store(ushort kind, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        var size = HeaderBytes + length;
        if (size > ArenaPageBytes)
        {
            // A value longer than a page gets a page of its own; the current page stays open for the next ones.
            _arena.Add(new byte[size]);
            Write(_arena[^1], 0, kind, value, length);
            return ReferenceTo(_arena.Count - 1, 0);
        }

        if (_arenaUsed + size > ArenaPageBytes)
        {
            _arena.Add(new byte[ArenaPageBytes]);
            _arenaUsed = 0;
        }

        var page = LastSharedPage();
        var offset = _arenaUsed;
        Write(_arena[page], offset, kind, value, length);
        _arenaUsed += size;
        return ReferenceTo(page, offset);
    }

    private int LastSharedPage()
    {
        // Own pages of long values may follow the open shared page; the open one is the last of full page size.
        for (var page = _arena.Count - 1; ; page--)
        {
            if (_arena[page].Length == ArenaPageBytes)
            {
                return page;
            }
        }
    }

    private static void Write(byte[] page, int offset, ushort kind, string value, int length)
    {
        MemoryMarshal.Write(page.AsSpan(offset), in kind);
        MemoryMarshal.Write(page.AsSpan(offset + 2), in length);
        Encoding.UTF8.GetBytes(value, page.AsSpan(offset + HeaderBytes, length));
    }

    // Pages hold 64 KiB, so an offset takes 16 bits and the page number the other 15: up to 2 GiB of values.
    private static int ReferenceTo(int page, int offset) => checked((page << 16) | offset);

    private static (int Page, int Offset) Locate(int reference) => (reference >>> 16, reference & 0xFFFF);

    private void Grow()
    {
        var slots = new int[_slots.Length * 2];
        var hashes = new int[slots.Length];
        var mask = slots.Length - 1;
        for (var i = 0; i < _slots.Length; i++)
        {
            if (_slots[i] == 0)
            {
                continue;
            }

            var slot = Home(_slotHashes[i], mask);
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = _slots[i];
            hashes[slot] = _slotHashes[i];
        }

        _slots = slots;
        _slotHashes = hashes;
    }

    // Fibonacci hashing spreads hash codes whose low bits repeat.
    private static int Home(int hash, int mask) => (int)(((uint)hash * 0x9E3779B97F4A7C15UL) >> 32) & mask;
}
