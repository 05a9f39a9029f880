namespace Rapport.Web.Caching;

/// <summary>Lets a report answer <c>304 Not Modified</c> to a client that holds its current ETag (see <see cref="ReportETagFilter"/>).</summary>
internal static class ReportETagExtensions
{
    public static RouteHandlerBuilder WithETag(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<ReportETagFilter>().Produces(StatusCodes.Status304NotModified);
}
