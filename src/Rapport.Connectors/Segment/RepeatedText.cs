using System.IO.Hashing;
using System.Text;

namespace Rapport.Connectors.Segment;

/// <summary>
/// Text that arrives again and again — event names, page URLs and titles, referrers, user agents, the properties of
/// the same page — made into a string once per parsing thread and shared by every message that repeats it. A bulk
/// import then allocates and keeps far fewer strings, which is where the garbage collector's time went
/// (docs/benchmarks.md, fifth round). A direct-mapped table: a miss simply replaces the slot.
/// </summary>
internal static class RepeatedText
{
    private const int Slots = 4096;

    /// <summary>Longer text is rarely repeated byte for byte, and would keep large copies alive.</summary>
    private const int MaxBytes = 512;

    [ThreadStatic]
    private static Entry[]? _slots;

    /// <summary>The string of <paramref name="utf8"/>, which must be valid UTF-8.</summary>
    public static string Of(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty || utf8.Length > MaxBytes)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        var slots = _slots ??= new Entry[Slots];
        ref var slot = ref slots[(int)(XxHash3.HashToUInt64(utf8) & (Slots - 1))];
        if (slot.Text is { } known && utf8.SequenceEqual(slot.Utf8))
        {
            return known;
        }

        var text = Encoding.UTF8.GetString(utf8);
        slot = new Entry(utf8.ToArray(), text);
        return text;
    }

    private readonly record struct Entry(byte[] Utf8, string Text);
}
