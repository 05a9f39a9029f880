using System.Globalization;
using Rapport.Demo;

namespace Rapport.Benchmarks;

/// <summary>
/// A synthetic Segment JSON Lines file written by <see cref="DemoTraffic"/>, cached in <see cref="DataDirectory"/> so
/// that reruns skip generation. Its exact message count is kept beside it in <c>FILE.messages</c>, which is written
/// last: a file without one is an interrupted generation and is written again.
/// </summary>
internal sealed record TrafficFile(string Path, int Developers, double Intensity, long Messages)
{
    /// <summary>The intensity at which <see cref="DemoTraffic"/> writes about ten messages per developer.</summary>
    public const double TenPerDeveloper = 0.4;

    /// <summary>The end of the generated year: fixed, so that every run generates the same bytes.</summary>
    public static readonly DateTime End = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary><c>$RAPPORT_BENCH_DIR</c>, or <c>rapport-bench</c> in the temporary directory; never the repository.</summary>
    public static string DataDirectory { get; } =
        Environment.GetEnvironmentVariable("RAPPORT_BENCH_DIR") is { Length: > 0 } directory
            ? directory
            : System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rapport-bench");

    /// <summary>About <paramref name="messages"/> messages: one developer per ten messages.</summary>
    public static TrafficFile ForMessages(long messages) => Cached(checked((int)(messages / 10)), TenPerDeveloper);

    /// <summary>The cached file for these parameters, generated first if it is not there yet.</summary>
    public static TrafficFile Cached(int developers, double intensity)
    {
        var path = CachePath(developers, intensity);
        if (TryReadCount(path) is { } messages)
        {
            return new TrafficFile(path, developers, intensity, messages);
        }

        Directory.CreateDirectory(DataDirectory);
        var partial = path + ".partial";
        messages = Generate(developers, intensity, partial);
        File.Move(partial, path, overwrite: true);
        File.WriteAllText(path + ".messages", messages.ToString(CultureInfo.InvariantCulture));
        return new TrafficFile(path, developers, intensity, messages);
    }

    /// <summary>Whether the file for these parameters is already in the cache.</summary>
    public static bool IsCached(int developers, double intensity) => TryReadCount(CachePath(developers, intensity)) is not null;

    /// <summary>The message count of a cached file, without generating it.</summary>
    public static long? TryFindMessages(long messages) => TryReadCount(CachePath(checked((int)(messages / 10)), TenPerDeveloper));

    /// <summary>Writes the traffic of <paramref name="developers"/> to <paramref name="path"/>; returns the number of messages.</summary>
    public static long Generate(int developers, double intensity, string path)
    {
        using var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 20);
        return new DemoTraffic(developers, End, intensity).Write(output);
    }

    private static string CachePath(int developers, double intensity) =>
        System.IO.Path.Combine(DataDirectory, string.Create(CultureInfo.InvariantCulture, $"segment-{developers}-{intensity:0.###}.jsonl"));

    private static long? TryReadCount(string path) =>
        File.Exists(path) && File.Exists(path + ".messages")
            ? long.Parse(File.ReadAllText(path + ".messages").Trim(), CultureInfo.InvariantCulture)
            : null;
}
