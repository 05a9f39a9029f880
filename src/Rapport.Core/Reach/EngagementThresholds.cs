using Rapport.Core.Content;

namespace Rapport.Core.Reach;

/// <summary>
/// How long a view must last to count as engaged, per kind of content: dwell time on a page, watch time of a video.
/// 30 seconds for every kind unless set otherwise.
/// </summary>
public sealed record EngagementThresholds
{
    public const double DefaultSeconds = 30;

    public static EngagementThresholds Default { get; } = new();

    public double Seconds { get; init; } = DefaultSeconds;

    /// <summary>Thresholds that differ from <see cref="Seconds"/> for some kinds.</summary>
    public IReadOnlyDictionary<ContentKind, double> ByKind { get; init; } = new Dictionary<ContentKind, double>();

    public double For(ContentKind? kind) => kind is { } known && ByKind.TryGetValue(known, out var seconds) ? seconds : Seconds;

    /// <summary>The same threshold for every kind; <see cref="FormatException"/> unless between 1 s and a day.</summary>
    public static EngagementThresholds Uniform(double seconds)
    {
        if (seconds is < 1 or > 86_400 || double.IsNaN(seconds))
        {
            throw new FormatException($"an engagement threshold is between 1 and 86,400 seconds, not {seconds}");
        }

        return new EngagementThresholds { Seconds = seconds };
    }
}
