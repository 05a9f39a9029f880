using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Rapport.Benchmarks;

/// <summary>
/// Throughput of a benchmark that reads a whole <see cref="TrafficFile"/>: its exact message count (from the cache)
/// over the mean time of one run. The count is not a round number, so OperationsPerInvoke cannot express it.
/// </summary>
internal sealed class MessagesPerSecondColumn : IColumn
{
    public string Id => nameof(MessagesPerSecondColumn);

    public string ColumnName => "Messages/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Messages read per second: the file's exact message count over the mean";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var nominal = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == nameof(ImportBenchmarks.Messages))?.Value;
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (nominal is not int messages || mean is not { } nanoseconds || TrafficFile.TryFindMessages(messages) is not { } exact)
        {
            return "-";
        }

        return (exact / (nanoseconds / 1e9)).ToString("N0", CultureInfo.InvariantCulture);
    }
}
