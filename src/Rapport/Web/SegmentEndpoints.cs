using Rapport.Web.Access;
using Rapport.Web.OpenApi;

namespace Rapport.Web;

/// <summary>
/// Segment's HTTP Tracking API (<c>/v1/track</c>, <c>/v1/batch</c>, …), so that Segment, RudderStack and other
/// clients built for it send events straight to Rapport. Answers 200 only once the messages are committed.
/// </summary>
internal static class SegmentEndpoints
{
    private static readonly string[] MessageTypes = ["track", "identify", "page", "screen", "alias", "group"];

    public static void MapSegmentEndpoints(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").WithTags("Ingest");
        v1.MapPost("/batch", (HttpRequest request, SegmentIngest ingest, CancellationToken cancellationToken) =>
            IngestAsync(request, ingest, type: null, cancellationToken))
                .WithName("SegmentBatch")
                .WithSummary("Ingest a batch of Segment messages; answers once they are committed.")
                .RequiresAccess(RouteAccess.Ingest)
                .DescribesBody<SegmentBatchDocument>();
        foreach (var type in MessageTypes)
        {
            v1.MapPost($"/{type}", (HttpRequest request, SegmentIngest ingest, CancellationToken cancellationToken) =>
                IngestAsync(request, ingest, type, cancellationToken))
                    .WithName($"Segment{char.ToUpperInvariant(type[0])}{type[1..]}")
                    .WithSummary($"Ingest one Segment {type} message; answers once it is committed.")
                    .RequiresAccess(RouteAccess.Ingest)
                .DescribesBody<SegmentMessageDocument>();
        }
    }

    private static async Task<Ok<SegmentSuccess>> IngestAsync(
        HttpRequest request, SegmentIngest ingest, string? type, CancellationToken cancellationToken)
    {
        await ingest.IngestAsync(request, type, cancellationToken);
        return TypedResults.Ok(SegmentSuccess.Instance);
    }
}
