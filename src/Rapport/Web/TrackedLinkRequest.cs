namespace Rapport.Web;

/// <summary>The body of <c>POST /api/v1/links</c>: the options of <c>rapport links create</c>.</summary>
/// <param name="Destination">Where the link leads: an http or https address.</param>
/// <param name="ContentId">The content item the link is placed in.</param>
/// <param name="Channel">Where the link is placed (becomes utm_source), e.g. dev.to.</param>
/// <param name="Campaign">A campaign name (becomes utm_campaign).</param>
internal sealed record TrackedLinkRequest(string? Destination, long? ContentId = null, string? Channel = null, string? Campaign = null);
