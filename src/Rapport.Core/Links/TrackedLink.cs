namespace Rapport.Core.Links;

/// <summary>A short link (<c>/l/{slug}</c>) to a destination, tagged with where it was placed; every click is an activity.</summary>
/// <param name="ContentId">The content item the link was placed in, whose click-throughs it counts.</param>
public sealed record TrackedLink(int WorkspaceId, string Slug, string Destination, long? ContentId, string? Channel, string? Campaign, DateTime CreatedAt);
