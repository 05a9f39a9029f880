namespace Rapport.Core.Ingest;

/// <summary>Where and how an activity happened: the page, the client and the campaign that brought the developer.</summary>
public sealed record ActivityContext
{
    public static ActivityContext Empty { get; } = new();

    /// <summary>The channel the activity came through: an explicit channel, the campaign's source, or the referring host.</summary>
    public string? Channel { get; init; }

    public string? Url { get; init; }

    public string? Referrer { get; init; }

    public string? Title { get; init; }

    public string? UserAgent { get; init; }

    public string? Ip { get; init; }

    /// <summary>The campaign (utm_*) fields as a JSON object, or <c>null</c>.</summary>
    public string? CampaignJson { get; init; }
}
