using System.Globalization;

namespace Rapport.Core.Coverage;

/// <summary>
/// The coverage matrix: for each dimension and value, supply (content items tagged with the value) against demand
/// (developers who use it, questions tagged with it), and the under-served cells, biggest gap first (docs/coverage.md).
/// </summary>
public sealed record CoverageReport(IReadOnlyList<CoverageRow> Dimensions, IReadOnlyList<CoverageGap> UnderServed, UnderServedRule Rule)
{
    /// <summary>
    /// Builds the matrix from the tags of every content item and question (matched here) and the developers' counts
    /// (matched set-wise by the store, <see cref="DeveloperDemand"/>).
    /// </summary>
    public static CoverageReport Compute(
        CoverageConfig config,
        IReadOnlyList<IReadOnlyList<string>> contentTags,
        IReadOnlyList<IReadOnlyList<string>> questionTags,
        IReadOnlyList<DeveloperDemand> developers)
    {
        var rows = new List<CoverageRow>();
        var gaps = new List<CoverageGap>();
        foreach (var dimension in config.Dimensions)
        {
            var supply = Tally(dimension, contentTags);
            var questions = Tally(dimension, questionTags);
            long DevelopersFor(string? value) =>
                developers.FirstOrDefault(row => row.Dimension == dimension.Name && row.Value == value)?.Developers ?? 0;
            var developerTotal = DevelopersFor(null);
            var cells = dimension.Values.Select(value =>
            {
                var items = supply.Counts[value.Name];
                var asked = questions.Counts[value.Name];
                var users = DevelopersFor(value.Name);
                var supplyShare = Share(items, supply.Any);
                var developerShare = Share(users, developerTotal);
                var questionShare = Share(asked, questions.Any);
                var demandShare = (developerTotal > 0, questions.Any > 0) switch
                {
                    (true, true) => (developerShare + questionShare) / 2,
                    (true, false) => developerShare,
                    (false, true) => questionShare,
                    _ => 0,
                };
                return new CoverageCell(
                    dimension.Name, value.Name, items, users, asked, supplyShare, developerShare, questionShare, demandShare,
                    config.UnderServed.Applies(demandShare, supplyShare));
            }).ToList();
            rows.Add(new CoverageRow(dimension.Name, supply.Any, developerTotal, questions.Any, cells));

            var best = cells.Where(cell => cell.ContentItems > 0).OrderByDescending(cell => cell.ContentItems).ThenBy(cell => cell.Value, StringComparer.Ordinal).FirstOrDefault();
            gaps.AddRange(cells.Where(cell => cell.UnderServed).Select(cell => new CoverageGap(
                cell.Dimension, cell.Value, cell.DemandShare, cell.SupplyShare, Reason(cell, best))));
        }

        return new CoverageReport(
            rows,
            [.. gaps.OrderByDescending(gap => gap.DemandShare - gap.SupplyShare).ThenBy(gap => gap.Dimension, StringComparer.Ordinal).ThenBy(gap => gap.Value, StringComparer.Ordinal)],
            config.UnderServed);
    }

    private static (Dictionary<string, long> Counts, long Any) Tally(CoverageDimension dimension, IReadOnlyList<IReadOnlyList<string>> tagged)
    {
        var counts = dimension.Values.ToDictionary(value => value.Name, _ => 0L, StringComparer.Ordinal);
        var any = 0L;
        foreach (var tags in tagged)
        {
            var hit = false;
            foreach (var value in dimension.Values)
            {
                if (tags.Any(value.Names))
                {
                    counts[value.Name]++;
                    hit = true;
                }
            }

            any += hit ? 1 : 0;
        }

        return (counts, any);
    }

    private static double Share(long part, long whole) => whole == 0 ? 0 : (double)part / whole;

    private static string Reason(CoverageCell cell, CoverageCell? best)
    {
        var demand = string.Join(" and ", new[]
        {
            cell.Developers > 0 ? $"{Count(cell.Developers, "developer")} {(cell.Developers == 1 ? "uses" : "use")} it" : null,
            cell.Questions > 0 ? $"{Count(cell.Questions, "question")} {(cell.Questions == 1 ? "is" : "are")} tagged with it" : null,
        }.OfType<string>());
        var supply = cell.ContentItems == 0 ? "we have no content for it" : $"we have {Count(cell.ContentItems, "content item")} for it";
        var most = best is not null && best.Value != cell.Value ? $"; {Count(best.ContentItems, "item")} for {best.Value}" : "";
        return $"{cell.Dimension} {cell.Value}: {demand} ({Percent(cell.DemandShare)} of demand), but {supply} ({Percent(cell.SupplyShare)} of supply{most})";
    }

    private static string Count(long count, string noun) => $"{count.ToString("N0", CultureInfo.InvariantCulture)} {noun}{(count == 1 ? "" : "s")}";

    private static string Percent(double share) => share.ToString("P0", CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal);
}
