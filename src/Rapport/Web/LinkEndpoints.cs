using Rapport.Connectors.Links;
using Rapport.Core.Content;
using Rapport.Core.Links;
using Rapport.Core.Reach;
using Rapport.Core.Users;
using Rapport.Storage;
using Rapport.Web.Access;
using Rapport.Web.Csv;
using Rapport.Web.Paging;

namespace Rapport.Web;

/// <summary>
/// <c>GET /l/{slug}</c>: a tracked link's redirect. Answers 302 to the destination with utm parameters and a click id
/// added, after the click is stored as a <c>link.click</c> activity through the ingest queue. HEAD requests and bots
/// are redirected and recorded too, classified as bots, so they never count as validated. <c>/api/v1/links</c> creates and
/// lists the links, as <c>rapport links create|list</c> does.
/// </summary>
internal static class LinkEndpoints
{
    public static void MapLinkEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/l/{slug}", FollowAsync)
            .WithName("FollowLink")
            .WithSummary("Follow a tracked link: record the click and redirect to the destination.")
            .RequiresAccess(RouteAccess.Public)
            .Produces(StatusCodes.Status302Found);

        // HEAD is redirected and recorded too (as a bot); an operation of its own so that operation ids stay unique.
        app.MapMethods("/l/{slug}", ["HEAD"], FollowAsync)
            .WithName("CheckLink")
            .WithSummary("Follow a tracked link with HEAD: the same redirect, the click recorded as a bot's.")
            .RequiresAccess(RouteAccess.Public)
            .Produces(StatusCodes.Status302Found);

        var links = app.MapGroup("/api/v1/links");
        links.MapGet("/", ListAsync)
            .WithName("ListLinks")
            .WithSummary("The workspace's tracked links, oldest first.")
            .RequiresAccess(RouteAccess.Viewer)
            .WithCsvExport();
        links.MapPost("/", CreateAsync)
            .WithName("CreateLink")
            .WithSummary("Create a tracked short link (/l/SLUG) to an http or https address.")
            .RequiresAccess(RouteAccess.Editor);
    }

    private static async Task<Ok<Page<TrackedLinkDocument>>> ListAsync(
        HttpContext context, IRapportStore store, ApiAccess access, [AsParameters] PageRequest page, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Viewer, cancellationToken);
        const string list = "ListLinks";
        var links = await store.ListLinksAsync(caller.Workspace, page.Keyset(list), cancellationToken);
        return TypedResults.Ok(Pages.Keyed([.. links.Items.Select(link => TrackedLinkDocument.Of(link, context.Request))], list, links.Next));
    }

    /// <summary>
    /// The store checks the destination and the content item, as it does for the CLI: a bad one is a 400. There is no
    /// link resource under /api/v1 to point at, so Location is the short link itself.
    /// </summary>
    private static async Task<Created<TrackedLinkDocument>> CreateAsync(
        HttpContext context, IRapportStore store, ApiAccess access, TrackedLinkRequest request, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Editor, cancellationToken);
        var link = await store.CreateLinkAsync(caller.Workspace, request.Destination ?? "", request.ContentId, request.Channel, request.Campaign, cancellationToken);
        var document = TrackedLinkDocument.Of(link, context.Request);
        return TypedResults.Created(document.Url, document);
    }

    private static async Task<RedirectHttpResult> FollowAsync(
        string slug, HttpContext http, IRapportStore store, IngestQueue queue, LinkTraffic traffic, TimeProvider clock,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var (workspace, link) = await store.FindLinkAsync(slug.Trim(), cancellationToken)
            ?? throw new NotFoundException($"There is no tracked link '{slug}'.");
        var content = link.ContentId is { } id ? await store.GetContentAsync(workspace, id, cancellationToken) : null;
        var request = http.Request;
        var at = clock.GetUtcNow().UtcDateTime;
        var userAgent = request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null;
        var referrer = request.Headers.Referer.ToString() is { Length: > 0 } referer ? referer : null;
        var ip = http.Connection.RemoteIpAddress?.ToString();
        var signal = new TrafficSignal(userAgent, request.Method, Url: null, Referrer: referrer,
            Burst: traffic.IsBurst($"{ip} {userAgent}", at));
        var classified = TrafficClassifier.Classify(signal, EngagementThresholds.DefaultSeconds);
        var clickId = LinkClicks.NewClickId();
        var message = LinkClicks.ToMessage(link, clickId, at, request.Method, referrer, userAgent, ip, classified);
        try
        {
            await queue.EnqueueAsync(workspace, [message], cancellationToken);
        }
        catch (IngestUnavailableException e)
        {
            // The reader still gets where they were going; the click is lost and the log says so.
            loggers.CreateLogger("Rapport.Links").LinkClickNotStored(e, link.Slug);
        }

        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Redirect(LinkDestination.For(link, content is null ? null : ContentNames.Name(content.Kind), clickId));
    }
}
