using Rapport.Web.Dashboard.Charts;

namespace Rapport.Tests.Dashboard;

public sealed class BarChartTests
{
    [Fact]
    public void A_long_label_is_cut_before_the_bars_and_kept_whole_in_the_title()
    {
        var svg = BarChart.Render("Biggest gaps", [("webhook, signature, types", 19), ("sdk", 43)], "gap score").ToString()!;

        Assert.Contains("<text x=\"0\" y=\"13\">webhook, signature, t&#x2026;</text>", svg, StringComparison.Ordinal);
        Assert.Contains("<title>webhook, signature, types: 19 gap score</title>", svg, StringComparison.Ordinal);
        Assert.Contains("<text x=\"0\" y=\"41\">sdk</text>", svg, StringComparison.Ordinal);
        // The bars start at 200 units, after the widest shown label (22 characters of 13px text).
        Assert.Contains("<rect class=\"series-0\" rx=\"3\" x=\"200\" y=\"2\"", svg, StringComparison.Ordinal);
    }
}
