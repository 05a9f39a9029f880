using System.Diagnostics;
using System.Globalization;

namespace Rapport.Benchmarks;

/// <summary>
/// <c>generate [--developers N] [--intensity X] [--out FILE]</c>: writes synthetic Segment JSON Lines. Without
/// <c>--out</c> the file goes to (or is reused from) the benchmarks' cache. Prints the file's path on standard output
/// and its message count on standard error.
/// </summary>
internal static class GenerateCommand
{
    public static int Run(string[] args)
    {
        var developers = 1_000_000;
        var intensity = TrafficFile.TenPerDeveloper;
        string? output = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--developers" when int.TryParse(value, CultureInfo.InvariantCulture, out var parsed) && parsed > 0:
                    developers = parsed;
                    break;
                case "--intensity" when double.TryParse(value, CultureInfo.InvariantCulture, out var parsed) && parsed > 0:
                    intensity = parsed;
                    break;
                case "--out" when !string.IsNullOrWhiteSpace(value):
                    output = value;
                    break;
                default:
                    Console.Error.WriteLine("usage: generate [--developers N] [--intensity X] [--out FILE]");
                    return 2;
            }

            i++;
        }

        var stopwatch = Stopwatch.StartNew();
        var reused = output is null && TrafficFile.IsCached(developers, intensity);
        var file = output is null
            ? TrafficFile.Cached(developers, intensity)
            : new TrafficFile(output, developers, intensity, TrafficFile.Generate(developers, intensity, output));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{file.Messages:N0} messages from {developers:N0} developers (intensity {intensity}), {new FileInfo(file.Path).Length / 1e6:N0} MB, {(reused ? "reused from the cache" : $"in {stopwatch.Elapsed.TotalSeconds:N1} s")}"));
        Console.WriteLine(file.Path);
        return 0;
    }
}
