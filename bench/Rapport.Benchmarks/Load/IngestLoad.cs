using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Rapport.Benchmarks.Load;

/// <summary>
/// A load generator for the Segment HTTP API: a fixed number of concurrent clients, each sending its next request
/// as soon as the previous one is answered, for a fixed time. Every latency is kept, so percentiles are exact.
/// </summary>
internal sealed class IngestLoad(Uri baseAddress, string writeKey, int batchSize, int concurrency, TimeSpan duration)
{
    public async Task<IngestLoadResult> RunAsync(CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":")));

        var run = Guid.NewGuid().ToString("N")[..8];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(duration);
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency)
            .Select(worker => Task.Run(() => WorkAsync(http, run, worker, stop.Token), CancellationToken.None))
            .ToArray();
        var results = await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;

        var latencies = results.SelectMany(result => result.Latencies).Order().ToArray();
        return new IngestLoadResult(
            Requests: latencies.Length,
            Messages: (long)latencies.Length * batchSize,
            Failures: results.Sum(result => result.Failures),
            Elapsed: elapsed,
            P50: Percentile(latencies, 0.50),
            P90: Percentile(latencies, 0.90),
            P99: Percentile(latencies, 0.99),
            Max: latencies.Length == 0 ? TimeSpan.Zero : latencies[^1]);
    }

    private async Task<(List<TimeSpan> Latencies, long Failures)> WorkAsync(HttpClient http, string run, int worker, CancellationToken stop)
    {
        var latencies = new List<TimeSpan>(100_000);
        long failures = 0;
        var sequence = 0L;
        var path = batchSize == 1 ? "/v1/track" : "/v1/batch";
        while (!stop.IsCancellationRequested)
        {
            var body = batchSize == 1 ? Message(run, worker, sequence++) : Batch(run, worker, ref sequence);
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await http.PostAsync(path, content, CancellationToken.None);
                if (response.IsSuccessStatusCode)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started));
                }
                else
                {
                    failures++;
                }
            }
            catch (HttpRequestException)
            {
                failures++;
            }
        }

        return (latencies, failures);
    }

    private byte[] Batch(string run, int worker, ref long sequence)
    {
        var builder = new StringBuilder("{\"batch\":[");
        for (var i = 0; i < batchSize; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(MessageText(run, worker, sequence++));
        }

        return Encoding.UTF8.GetBytes(builder.Append("]}").ToString());
    }

    private static byte[] Message(string run, int worker, long sequence) => Encoding.UTF8.GetBytes(MessageText(run, worker, sequence));

    private static string MessageText(string run, int worker, long sequence) =>
        "{\"type\":\"track\",\"event\":\"API Called\",\"userId\":\"load-" + worker + "-" + (sequence % 500)
        + "\",\"messageId\":\"" + run + "-" + worker + "-" + sequence
        + "\",\"timestamp\":\"2026-03-01T10:00:00Z\",\"properties\":{\"endpoint\":\"/v1/items\",\"status\":200}}";

    private static TimeSpan Percentile(TimeSpan[] sorted, double quantile) =>
        sorted.Length == 0 ? TimeSpan.Zero : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}
