using System.Reflection;
using Rapport.Connectors.Beacons;
using Rapport.Core.ApiKeys;
using Rapport.Storage;
using Rapport.Web.Access;

namespace Rapport.Web.Beacons;

/// <summary>
/// The first-party tracking script: <c>GET /t.js</c> serves it, <c>POST /t</c> takes its beacons (site key = an ingest
/// key) into the ingest queue and answers <c>204</c> once they are stored. See docs/tracking-script.md.
/// </summary>
internal static class BeaconEndpoints
{
    private static readonly Lazy<byte[]> Script = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Beacons.t.js")
            ?? throw new InvalidOperationException("the tracking script is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static void MapBeaconEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/t.js", ServeScript)
            .WithName("TrackingScript")
            .WithSummary("The first-party tracking script for your own pages (no cookies).")
            .RequiresAccess(RouteAccess.Public)
            .Produces<string>(StatusCodes.Status200OK, "text/javascript");

        // A beacon cannot set headers: the site key (an ingest key) travels in the body and the handler checks it.
        app.MapPost("/t", ReceiveAsync)
            .WithName("TrackingBeacon")
            .WithSummary("Take a page-view beacon from the tracking script, with the site's ingest key in the body.")
            .RequiresAccess(RouteAccess.Signed);
    }

    private static IResult ServeScript(HttpContext http)
    {
        // Pages everywhere load it: cacheable for an hour, and readable cross-origin.
        http.Response.Headers.CacheControl = "public, max-age=3600";
        http.Response.Headers.AccessControlAllowOrigin = "*";
        return TypedResults.Bytes(Script.Value, "text/javascript; charset=utf-8");
    }

    private static async Task<NoContent> ReceiveAsync(
        HttpContext http, WriteKeyAuthenticator keys, IngestQueue queue, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var body = await RequestBody.ReadAsync(http.Request, PageBeacons.MaxBodyBytes, cancellationToken);

        // The site key is the beacon's only proof: without it nothing else is read (401), with a good one a bad beacon is 400.
        var key = PageBeacons.KeyOf(body.Memory.Span)
            ?? throw new ApiKeyRejectedException("A beacon carries its site key (an ingest key) in k; this one has none.");
        var grant = await keys.AuthenticateBodyKeyAsync(key, ApiKeyScope.Ingest, cancellationToken);
        PageBeacon beacon;
        try
        {
            beacon = PageBeacons.Parse(body.Memory.Span);
        }
        catch (PageBeaconFormatException e)
        {
            throw new FormatException(e.Message, e);
        }

        var userAgent = http.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null;
        await queue.EnqueueAsync(grant.Workspace, [PageBeacons.ToMessage(beacon, clock.GetUtcNow().UtcDateTime, userAgent)], cancellationToken);
        http.Response.Headers.AccessControlAllowOrigin = "*";
        return TypedResults.NoContent();
    }
}
