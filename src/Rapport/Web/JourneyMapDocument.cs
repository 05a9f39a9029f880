namespace Rapport.Web;

/// <summary>
/// The journey map as JSON (<c>GET</c>/<c>PUT /api/v1/journey-map</c>): per stage (discover, evaluate, learn, build, scale)
/// the activity types that reach it, and after how many quiet days a developer is stalled. <see cref="Core.Journey.JourneyMap"/>
/// reads and writes it; this describes it in the OpenAPI document.
/// </summary>
internal sealed record JourneyMapDocument(IReadOnlyDictionary<string, IReadOnlyList<string>> Stages, int StalledAfterDays);
