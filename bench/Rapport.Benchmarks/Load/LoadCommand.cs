using System.Globalization;

namespace Rapport.Benchmarks.Load;

/// <summary>
/// <c>load --url URL --key KEY [--batch-size N] [--concurrency N] [--seconds N]</c>: drives a running
/// <c>rapport serve</c> with Segment requests and prints throughput and exact latency percentiles.
/// </summary>
internal static class LoadCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        Uri? url = null;
        string? key = null;
        var batchSize = 1;
        var concurrency = 64;
        var seconds = 20;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--url" when Uri.TryCreate(value, UriKind.Absolute, out var parsed):
                    url = parsed;
                    break;
                case "--key" when !string.IsNullOrWhiteSpace(value):
                    key = value;
                    break;
                case "--batch-size" when int.TryParse(value, CultureInfo.InvariantCulture, out var parsed) && parsed > 0:
                    batchSize = parsed;
                    break;
                case "--concurrency" when int.TryParse(value, CultureInfo.InvariantCulture, out var parsed) && parsed > 0:
                    concurrency = parsed;
                    break;
                case "--seconds" when int.TryParse(value, CultureInfo.InvariantCulture, out var parsed) && parsed > 0:
                    seconds = parsed;
                    break;
                default:
                    return Usage();
            }

            i++;
        }

        if (url is null || key is null)
        {
            return Usage();
        }

        // A short warm-up lets the JIT and connection pool settle; only the measured run is printed.
        await new IngestLoad(url, key, batchSize, concurrency, TimeSpan.FromSeconds(3)).RunAsync(CancellationToken.None);
        var result = await new IngestLoad(url, key, batchSize, concurrency, TimeSpan.FromSeconds(seconds)).RunAsync(CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"batch size {batchSize}, {concurrency} concurrent clients, {seconds} s: {result}"));
        return result.Failures == 0 ? 0 : 1;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: load --url URL --key KEY [--batch-size N] [--concurrency N] [--seconds N]");
        return 2;
    }
}
