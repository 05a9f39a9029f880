namespace Rapport.Web.Dashboard.Charts;

/// <summary>One named line of a time series chart, one value per point of the x axis.</summary>
internal sealed record ChartSeries(string Name, IReadOnlyList<double> Values);
