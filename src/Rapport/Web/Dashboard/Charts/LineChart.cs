using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace Rapport.Web.Dashboard.Charts;

/// <summary>A time series chart: lines over labelled points, with a y axis from zero and a value on every point.</summary>
internal static class LineChart
{
    private const double Width = 560, Height = 260, Left = 44, Right = 12, Top = 12, Bottom = 28;

    /// <param name="format">How a point's value reads on hover: whole numbers unless told (<c>0.#</c> for hours).</param>
    public static IHtmlContent Render(string title, IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series, string unit, string format = "#,0")
    {
        var svg = new Svg().Raw("<svg class=\"chart line\" role=\"img\" viewBox=\"0 0 ").Number(Width).Raw(" ").Number(Height)
            .Raw("\" aria-label=\"").Text(title).Raw("\"><title>").Text(title).Raw("</title>");
        if (labels.Count == 0)
        {
            svg.Raw("<text x=\"").Number(Width / 2).Raw("\" y=\"").Number(Height / 2).Raw("\" text-anchor=\"middle\">No data in this range</text>");
            return new HtmlString(svg.Raw("</svg>").ToString());
        }

        // At least 4, so the four gridlines fall on whole numbers when every value is small or zero.
        var max = Math.Max(4, NiceMax(series.SelectMany(line => line.Values).DefaultIfEmpty(0).Max()));
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double X(int i) => Left + (labels.Count == 1 ? plotWidth / 2 : plotWidth * i / (labels.Count - 1));
        double Y(double value) => Top + plotHeight - (plotHeight * value / max);

        for (var tick = 0; tick <= 4; tick++)
        {
            var value = max * tick / 4;
            svg.Raw("<line class=\"grid-line\" x1=\"").Number(Left).Raw("\" x2=\"").Number(Width - Right).Raw("\" y1=\"").Number(Y(value))
                .Raw("\" y2=\"").Number(Y(value)).Raw("\"/><text x=\"").Number(Left - 6).Raw("\" y=\"").Number(Y(value) + 4)
                .Raw("\" text-anchor=\"end\">").Text(Svg.Count(value)).Raw("</text>");
        }

        svg.Raw("<line class=\"axis\" x1=\"").Number(Left).Raw("\" x2=\"").Number(Width - Right).Raw("\" y1=\"").Number(Y(0))
            .Raw("\" y2=\"").Number(Y(0)).Raw("\"/>");
        var every = Math.Max(1, (int)Math.Ceiling(labels.Count / 8.0));
        for (var i = 0; i < labels.Count; i += every)
        {
            svg.Raw("<text x=\"").Number(X(i)).Raw("\" y=\"").Number(Height - 8).Raw("\" text-anchor=\"middle\">").Text(labels[i]).Raw("</text>");
        }

        for (var s = 0; s < series.Count; s++)
        {
            var line = series[s];
            var points = string.Join(' ', line.Values.Select((value, i) =>
                string.Create(CultureInfo.InvariantCulture, $"{Math.Round(X(i), 1)},{Math.Round(Y(value), 1)}")));
            svg.Raw("<g><title>").Text(line.Name).Raw("</title><polyline class=\"series-").Number(s).Raw("\" points=\"").Raw(points).Raw("\"/>");
            for (var i = 0; i < line.Values.Count; i++)
            {
                svg.Raw("<circle class=\"series-").Number(s).Raw("\" r=\"3\" cx=\"").Number(X(i)).Raw("\" cy=\"").Number(Y(line.Values[i]))
                    .Raw("\"><title>").Text($"{line.Name}, {labels[i]}: {line.Values[i].ToString(format, CultureInfo.InvariantCulture)} {unit}")
                    .Raw("</title></circle>");
            }

            svg.Raw("</g>");
        }

        return new HtmlString(svg.Raw("</svg>").ToString());
    }

    /// <summary>A round top for the y axis (1, 2 or 5 times a power of ten) so the gridlines fall on readable values.</summary>
    internal static double NiceMax(double value)
    {
        if (value <= 0)
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1, 2, 5, 10 })
        {
            if (step * magnitude >= value)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }
}
