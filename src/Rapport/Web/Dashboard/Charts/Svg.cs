using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Rapport.Web.Dashboard.Charts;

/// <summary>Writes SVG markup: every piece of text is HTML-encoded, every number written with invariant culture.</summary>
internal sealed class Svg
{
    private readonly StringBuilder _markup = new();

    public Svg Raw(string markup)
    {
        _markup.Append(markup);
        return this;
    }

    public Svg Text(string? text)
    {
        _markup.Append(HtmlEncoder.Default.Encode(text ?? ""));
        return this;
    }

    public Svg Number(double value)
    {
        _markup.Append(Math.Round(value, 1).ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public override string ToString() => _markup.ToString();

    /// <summary>A count as people read it: 1,234 or 12.3k beyond 10,000.</summary>
    public static string Count(double value) => value >= 10_000
        ? (value / 1000).ToString("0.#", CultureInfo.InvariantCulture) + "k"
        : value.ToString("#,0", CultureInfo.InvariantCulture);
}
