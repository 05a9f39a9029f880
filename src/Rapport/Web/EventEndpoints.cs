using Microsoft.AspNetCore.Mvc;
using Rapport.Core.Events;
using Rapport.Core.Users;
using Rapport.Storage;
using Rapport.Web.Access;
using Rapport.Web.Caching;
using Rapport.Web.Paging;

namespace Rapport.Web;

/// <summary>Events and their return over HTTP: the same store and Core arithmetic as <c>rapport events</c> and <c>rapport report events</c>.</summary>
internal static class EventEndpoints
{
    public static void MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/api/v1/events");
        events.MapGet("/", ListAsync)
            .WithName("ListEvents")
            .WithSummary("Lists the workspace's events, latest first.")
            .RequiresAccess(RouteAccess.Viewer);
        events.MapGet("/{id:long}", GetAsync)
            .WithName("GetEvent")
            .WithSummary("One event, its return, and the content that fits its audience.")
            .RequiresAccess(RouteAccess.Viewer);
        events.MapPost("/", AddAsync)
            .WithName("AddEvent")
            .WithSummary("Adds an event.")
            .RequiresAccess(RouteAccess.Editor);
        events.MapPatch("/{id:long}", EditAsync)
            .WithName("EditEvent")
            .WithSummary("Changes the fields given of an event.")
            .RequiresAccess(RouteAccess.Editor);
        app.MapGet("/api/v1/reports/events", GetReportAsync)
            .WithName("GetEventsReport")
            .WithSummary("Every event's return and the comparison of in-person, online and hybrid events.")
            .RequiresAccess(RouteAccess.Viewer)
            .WithETag();
    }

    private static async Task<Ok<Page<DevRelEvent>>> ListAsync(
        HttpContext context, IRapportStore store, ApiAccess access, [AsParameters] PageRequest page, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Viewer, cancellationToken);
        const string list = "ListEvents";
        return TypedResults.Ok(Pages.Keyed(await store.ListEventsAsync(caller.Workspace, page.Keyset(list), cancellationToken), list));
    }

    private static async Task<Ok<EventDetail>> GetAsync(
        HttpContext context, IRapportStore store, ApiAccess access, long id, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Viewer, cancellationToken);
        return TypedResults.Ok(await store.GetEventDetailAsync(caller.Workspace, id, cancellationToken)
            ?? throw new NotFoundException($"There is no event {id}."));
    }

    private static async Task<Created<DevRelEvent>> AddAsync(
        HttpContext context, IRapportStore store, ApiAccess access, [FromBody] EventFields fields, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Editor, cancellationToken);
        var devRelEvent = await store.AddEventAsync(caller.Workspace, fields, cancellationToken);
        return TypedResults.Created($"/api/v1/events/{devRelEvent.Id}", devRelEvent);
    }

    private static async Task<Ok<DevRelEvent>> EditAsync(
        HttpContext context, IRapportStore store, ApiAccess access, long id, [FromBody] EventFields changes, string? workspace,
        CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Editor, cancellationToken);
        return TypedResults.Ok(await store.UpdateEventAsync(caller.Workspace, id, changes, cancellationToken)
            ?? throw new NotFoundException($"There is no event {id}."));
    }

    private static async Task<Ok<EventsReport>> GetReportAsync(
        HttpContext context, IRapportStore store, ApiAccess access, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Viewer, cancellationToken);
        return TypedResults.Ok(await store.GetEventsReportAsync(caller.Workspace, cancellationToken));
    }
}
