using System.Globalization;
using Microsoft.AspNetCore.Html;
using Rapport.Core.Funnel;
using Rapport.Core.Journey;

namespace Rapport.Web.Dashboard.Charts;

/// <summary>The journey funnel as horizontal bars, one per stage, with counts and conversion from the stage before.</summary>
internal static class FunnelChart
{
    private const double Width = 560, LabelWidth = 80, RowHeight = 44, BarHeight = 28, ValueWidth = 130;

    public static IHtmlContent Render(FunnelReport funnel, string title)
    {
        var max = Math.Max(1, funnel.Stages.Max(stage => stage.Developers));
        var height = (funnel.Stages.Count * RowHeight) + 8;
        var svg = new Svg().Raw("<svg class=\"chart funnel\" role=\"img\" viewBox=\"0 0 ").Number(Width).Raw(" ").Number(height)
            .Raw("\" aria-label=\"").Text(title).Raw("\"><title>").Text(title).Raw("</title>");
        for (var i = 0; i < funnel.Stages.Count; i++)
        {
            var stage = funnel.Stages[i];
            var y = 4 + (i * RowHeight);
            var barWidth = Math.Max(2, (Width - LabelWidth - ValueWidth) * stage.Developers / max);
            var name = JourneyStages.Name(stage.Stage);
            var conversion = stage.Conversion is { } rate ? rate.ToString("0.0%", CultureInfo.InvariantCulture) + " of the stage before" : "first stage";
            svg.Raw("<g><title>").Text($"{Capitalise(name)}: {stage.Developers:N0} developers ({conversion})").Raw("</title>")
                .Raw("<text x=\"0\" y=\"").Number(y + (BarHeight / 2) + 4).Raw("\">").Text(Capitalise(name)).Raw("</text>")
                .Raw("<rect class=\"series-").Number(i).Raw("\" x=\"").Number(LabelWidth).Raw("\" y=\"").Number(y)
                .Raw("\" rx=\"4\" width=\"").Number(barWidth).Raw("\" height=\"").Number(BarHeight).Raw("\"/>")
                .Raw("<text class=\"value\" x=\"").Number(LabelWidth + barWidth + 8).Raw("\" y=\"").Number(y + (BarHeight / 2) + 4).Raw("\">")
                .Text(Svg.Count(stage.Developers)).Raw("</text>");
            if (stage.Conversion is { } shown)
            {
                svg.Raw("<text x=\"").Number(LabelWidth + barWidth + 62).Raw("\" y=\"").Number(y + (BarHeight / 2) + 4).Raw("\">")
                    .Text(shown.ToString("0%", CultureInfo.InvariantCulture)).Raw("</text>");
            }

            svg.Raw("</g>");
        }

        return new HtmlString(svg.Raw("</svg>").ToString());
    }

    private static string Capitalise(string name) => char.ToUpperInvariant(name[0]) + name[1..];
}
