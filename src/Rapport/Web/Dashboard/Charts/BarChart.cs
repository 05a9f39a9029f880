using Microsoft.AspNetCore.Html;

namespace Rapport.Web.Dashboard.Charts;

/// <summary>Horizontal bars for a ranking (activity types, channels): a label, a bar and its value per row.</summary>
internal static class BarChart
{
    private const double Width = 560, LabelWidth = 200, RowHeight = 28, BarHeight = 18, ValueWidth = 60;

    /// <summary>
    /// The longest label shown, ellipsis included: 22 characters of the 13px chart font (about 7.8 units each in
    /// DejaVu Sans, the browser's fallback here) end before the bars start; the whole label is in the row's title.
    /// </summary>
    internal const int MaxLabelLength = 22;

    public static IHtmlContent Render(string title, IReadOnlyList<(string Label, double Value)> bars, string unit)
    {
        var max = Math.Max(1, bars.Count == 0 ? 0 : bars.Max(bar => bar.Value));
        var height = Math.Max(1, bars.Count) * RowHeight;
        var svg = new Svg().Raw("<svg class=\"chart bars\" role=\"img\" viewBox=\"0 0 ").Number(Width).Raw(" ").Number(height)
            .Raw("\" aria-label=\"").Text(title).Raw("\"><title>").Text(title).Raw("</title>");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var y = i * RowHeight;
            var width = Math.Max(2, (Width - LabelWidth - ValueWidth) * value / max);
            var shown = label.Length > MaxLabelLength ? label[..(MaxLabelLength - 1)] + "…" : label;
            svg.Raw("<g><title>").Text($"{label}: {value:N0} {unit}").Raw("</title>")
                .Raw("<text x=\"0\" y=\"").Number(y + 13).Raw("\">").Text(shown).Raw("</text>")
                .Raw("<rect class=\"series-0\" rx=\"3\" x=\"").Number(LabelWidth).Raw("\" y=\"").Number(y + 2).Raw("\" width=\"").Number(width)
                .Raw("\" height=\"").Number(BarHeight).Raw("\"/><text class=\"value\" x=\"").Number(LabelWidth + width + 6).Raw("\" y=\"")
                .Number(y + 14).Raw("\">").Text(Svg.Count(value)).Raw("</text></g>");
        }

        return new HtmlString(svg.Raw("</svg>").ToString());
    }
}
