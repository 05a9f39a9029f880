using Rapport.Core.Links;

namespace Rapport.Web;

/// <summary>A tracked link as the API shows it: the fields of <c>rapport links create --json</c>, the short link included.</summary>
/// <param name="Url">The short link (<c>/l/SLUG</c>) on the address the request reached.</param>
internal sealed record TrackedLinkDocument(
    string Slug, string Url, string Destination, long? ContentId, string? Channel, string? Campaign, DateTime CreatedAt)
{
    public static TrackedLinkDocument Of(TrackedLink link, HttpRequest request) =>
        new(link.Slug, $"{request.Scheme}://{request.Host}{request.PathBase}/l/{link.Slug}", link.Destination, link.ContentId,
            link.Channel, link.Campaign, link.CreatedAt);
}
