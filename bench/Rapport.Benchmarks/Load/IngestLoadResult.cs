namespace Rapport.Benchmarks.Load;

internal sealed record IngestLoadResult(
    long Requests, long Messages, long Failures, TimeSpan Elapsed, TimeSpan P50, TimeSpan P90, TimeSpan P99, TimeSpan Max)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    public double MessagesPerSecond => Messages / Elapsed.TotalSeconds;

    public override string ToString() =>
        $"{Requests:N0} requests ({RequestsPerSecond:N0}/s), {Messages:N0} messages ({MessagesPerSecond:N0}/s), {Failures:N0} failed, "
        + $"latency p50 {P50.TotalMilliseconds:N1} ms, p90 {P90.TotalMilliseconds:N1} ms, p99 {P99.TotalMilliseconds:N1} ms, max {Max.TotalMilliseconds:N1} ms";
}
