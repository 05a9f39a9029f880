using Microsoft.AspNetCore.Html;

namespace Rapport.Web.Dashboard.Charts;

/// <summary>Stacked columns over labelled points (members per level per month): one colour per series, a total on top.</summary>
internal static class StackedBarChart
{
    private const double Width = 560, Height = 260, Left = 44, Right = 12, Top = 18, Bottom = 46;

    public static IHtmlContent Render(string title, IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series, string unit)
    {
        var svg = new Svg().Raw("<svg class=\"chart stacked\" role=\"img\" viewBox=\"0 0 ").Number(Width).Raw(" ").Number(Height)
            .Raw("\" aria-label=\"").Text(title).Raw("\"><title>").Text(title).Raw("</title>");
        if (labels.Count == 0)
        {
            svg.Raw("<text x=\"").Number(Width / 2).Raw("\" y=\"").Number(Height / 2).Raw("\" text-anchor=\"middle\">No data yet</text>");
            return new HtmlString(svg.Raw("</svg>").ToString());
        }

        var totals = labels.Select((_, i) => series.Sum(s => s.Values[i])).ToList();
        var max = Math.Max(1, totals.Max()) * 1.1;
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var slot = plotWidth / labels.Count;
        var barWidth = slot * 0.7;
        double Y(double value) => Top + plotHeight - (plotHeight * value / max);

        for (var tick = 0; tick <= 4; tick++)
        {
            var value = max * tick / 4;
            svg.Raw("<line class=\"grid-line\" x1=\"").Number(Left).Raw("\" x2=\"").Number(Width - Right).Raw("\" y1=\"").Number(Y(value))
                .Raw("\" y2=\"").Number(Y(value)).Raw("\"/><text x=\"").Number(Left - 6).Raw("\" y=\"").Number(Y(value) + 4)
                .Raw("\" text-anchor=\"end\">").Text(Svg.Count(value)).Raw("</text>");
        }

        for (var i = 0; i < labels.Count; i++)
        {
            var x = Left + (slot * i) + ((slot - barWidth) / 2);
            var bottom = 0.0;
            for (var s = 0; s < series.Count; s++)
            {
                var value = series[s].Values[i];
                if (value > 0)
                {
                    svg.Raw("<rect class=\"series-").Number(s).Raw("\" x=\"").Number(x).Raw("\" y=\"").Number(Y(bottom + value))
                        .Raw("\" width=\"").Number(barWidth).Raw("\" height=\"").Number(Y(bottom) - Y(bottom + value)).Raw("\"><title>")
                        .Text($"{series[s].Name}, {labels[i]}: {value:N0} {unit}").Raw("</title></rect>");
                }

                bottom += value;
            }

            svg.Raw("<text class=\"value\" x=\"").Number(x + (barWidth / 2)).Raw("\" y=\"").Number(Y(bottom) - 4).Raw("\" text-anchor=\"middle\">")
                .Text(Svg.Count(bottom)).Raw("</text><text x=\"").Number(x + (barWidth / 2)).Raw("\" y=\"").Number(Height - Bottom + 16)
                .Raw("\" text-anchor=\"middle\">").Text(labels[i]).Raw("</text>");
        }

        svg.Raw("<line class=\"axis\" x1=\"").Number(Left).Raw("\" x2=\"").Number(Width - Right).Raw("\" y1=\"").Number(Y(0)).Raw("\" y2=\"").Number(Y(0)).Raw("\"/>");
        var legendX = Left;
        for (var s = 0; s < series.Count; s++)
        {
            svg.Raw("<rect class=\"series-").Number(s).Raw("\" x=\"").Number(legendX).Raw("\" y=\"").Number(Height - 14).Raw("\" width=\"10\" height=\"10\"/>")
                .Raw("<text x=\"").Number(legendX + 14).Raw("\" y=\"").Number(Height - 5).Raw("\">").Text(series[s].Name).Raw("</text>");
            legendX += 90;
        }

        return new HtmlString(svg.Raw("</svg>").ToString());
    }
}
