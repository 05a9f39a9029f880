using Rapport.Core.ApiKeys;
using Rapport.Core.Community;
using Rapport.Core.Identities;
using Rapport.Core.Outreach;
using Rapport.Core.Workspaces;
using Rapport.Storage;
using Rapport.Web.Access;
using Rapport.Web.Caching;
using Rapport.Web.Csv;
using Rapport.Web.OpenApi;
using Rapport.Web.Paging;

namespace Rapport.Web.Community;

/// <summary>
/// Community levels, the hero program and the outreach queue over HTTP, with the same store code and JSON as the
/// command line. Reading is open like the other reports; changing needs an <c>admin</c> key (HTTP Basic user name),
/// whose workspace it changes.
/// </summary>
internal static class CommunityEndpoints
{
    public static void MapCommunityEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/reports/levels", GetLevelsAsync)
            .WithName("GetLevels")
            .WithSummary("Community levels now and per month, with the latest moves between levels.")
            .RequiresAccess(RouteAccess.Viewer)
            .WithETag();

        var community = app.MapGroup("/api/v1/community");
        community.MapGet("/config", GetConfigAsync)
            .WithName("GetCommunityConfig")
            .WithSummary("The community rules: levels, hero program and stalled-developer rules.")
            .RequiresAccess(RouteAccess.Viewer)
            .Produces<CommunityConfigDocument>();
        community.MapPut("/config", SetConfigAsync)
            .WithName("SetCommunityConfig")
            .WithSummary("Replace the community rules and refresh levels and the outreach queue.")
            .RequiresAccess(RouteAccess.Owner)
            .DescribesBody<CommunityConfigDocument>();
        community.MapGet("/heroes", (IRapportStore store, WorkspaceResolver workspaces, [AsParameters] PageRequest page, string? workspace, CancellationToken token) =>
            ListAsync(store, workspaces, workspace, CommunityList.Heroes, page, "ListHeroes", token))
                .WithName("ListHeroes")
                .WithSummary("Heroes, highest score first.")
                .RequiresAccess(RouteAccess.Viewer)
                .WithCsvExport();
        community.MapGet("/candidates", (IRapportStore store, WorkspaceResolver workspaces, [AsParameters] PageRequest page, string? workspace, CancellationToken token) =>
            ListAsync(store, workspaces, workspace, CommunityList.Candidates, page, "ListHeroCandidates", token))
                .WithName("ListHeroCandidates")
                .WithSummary("Hero candidates, highest score first.")
                .RequiresAccess(RouteAccess.Viewer)
                .WithCsvExport();
        community.MapPost("/heroes", NominateAsync)
            .WithName("NominateHero")
            .WithSummary("Name a developer a hero by hand, or take the title away.")
            .RequiresAccess(RouteAccess.Editor);
        community.MapGet("/recognitions", ListRecognitionsAsync)
            .WithName("ListRecognitions")
            .WithSummary("The recognition log, newest first.")
            .RequiresAccess(RouteAccess.Viewer)
            .WithCsvExport();
        community.MapPost("/recognitions", RecognizeAsync)
            .WithName("AddRecognition")
            .WithSummary("Record a recognition given to a developer.")
            .RequiresAccess(RouteAccess.Editor);

        var outreach = app.MapGroup("/api/v1/outreach");
        outreach.MapGet("", ListTasksAsync)
            .WithName("ListOutreachTasks")
            .WithSummary("Outreach tasks, oldest first.")
            .RequiresAccess(RouteAccess.Viewer)
            .WithCsvExport();
        outreach.MapGet("/{id:long}", GetTaskAsync)
            .WithName("GetOutreachTask")
            .WithSummary("One outreach task, with the developer's last activities as evidence.")
            .RequiresAccess(RouteAccess.Viewer);
        outreach.MapPatch("/{id:long}", UpdateTaskAsync)
            .WithName("UpdateOutreachTask")
            .WithSummary("Change an outreach task's status, snooze, assignee or note.")
            .RequiresAccess(RouteAccess.Editor);
        outreach.MapPost("/refresh", RefreshAsync)
            .WithName("RefreshOutreach")
            .WithSummary("Refresh levels, stalled developers and the outreach queue.")
            .RequiresAccess(RouteAccess.Editor);
    }

    private static async Task<Ok<LevelReport>> GetLevelsAsync(
        IRapportStore store, WorkspaceResolver workspaces, string? workspace, int? moves, string? icp, CancellationToken cancellationToken)
    {
        var resolved = await workspaces.ResolveAsync(workspace, cancellationToken);
        var profile = icp is null ? null : (await store.GetIcpsAsync(resolved, cancellationToken)).Require(icp).Name;
        return TypedResults.Ok(await store.GetLevelReportAsync(resolved, Math.Clamp(moves ?? 20, 0, 1000), profile, cancellationToken));
    }

    private static async Task<IResult> GetConfigAsync(IRapportStore store, WorkspaceResolver workspaces, string? workspace, CancellationToken cancellationToken)
    {
        var resolved = await workspaces.ResolveAsync(workspace, cancellationToken);
        return TypedResults.Text((await store.GetCommunityConfigAsync(resolved, cancellationToken)).ToJson(), "application/json");
    }

    private static async Task<Ok<CommunityRefresh>> SetConfigAsync(
        HttpRequest request, IRapportStore store, WriteKeyAuthenticator keys, TimeProvider clock, CancellationToken cancellationToken)
    {
        var grant = await keys.AuthenticateAsync(request, null, ApiKeyScope.Admin, cancellationToken);
        using var reader = new StreamReader(request.Body);
        var config = CommunityConfig.Parse(await reader.ReadToEndAsync(cancellationToken));
        await store.SetCommunityConfigAsync(grant.Workspace, config, cancellationToken);
        return TypedResults.Ok(await store.RefreshCommunityAsync(grant.Workspace, clock.GetUtcNow().UtcDateTime, cancellationToken));
    }

    private static async Task<Ok<Page<CommunityMember>>> ListAsync(
        IRapportStore store, WorkspaceResolver workspaces, string? workspace, CommunityList list, PageRequest page, string name,
        CancellationToken cancellationToken)
    {
        var resolved = await workspaces.ResolveAsync(workspace, cancellationToken);
        return TypedResults.Ok(Pages.Keyed(await store.ListCommunityMembersAsync(resolved, list, page.Keyset(name), cancellationToken), name));
    }

    private static async Task<Ok<HeroNomination>> NominateAsync(
        HttpRequest request, HeroChange change, IRapportStore store, WriteKeyAuthenticator keys, CancellationToken cancellationToken)
    {
        var grant = await keys.AuthenticateAsync(request, null, ApiKeyScope.Admin, cancellationToken);
        var memberId = await MemberIdAsync(store, grant.Workspace, change.Identity, cancellationToken);
        return TypedResults.Ok(await store.NominateHeroAsync(
            grant.Workspace, memberId, change.Hero, By(change.By, grant), change.Reason ?? "", cancellationToken));
    }

    private static async Task<Ok<Page<Recognition>>> ListRecognitionsAsync(
        IRapportStore store, WorkspaceResolver workspaces, [AsParameters] PageRequest page, string? workspace, string? member,
        CancellationToken cancellationToken)
    {
        var resolved = await workspaces.ResolveAsync(workspace, cancellationToken);
        long? memberId = member is null ? null : await MemberIdAsync(store, resolved, member, cancellationToken);
        const string list = "ListRecognitions";
        return TypedResults.Ok(Pages.Keyed(await store.ListRecognitionsAsync(resolved, memberId, page.Keyset(list), cancellationToken), list));
    }

    private static async Task<Created<Recognition>> RecognizeAsync(
        HttpRequest request, RecognitionEntry entry, IRapportStore store, WriteKeyAuthenticator keys, TimeProvider clock, CancellationToken cancellationToken)
    {
        var grant = await keys.AuthenticateAsync(request, null, ApiKeyScope.Admin, cancellationToken);
        var memberId = await MemberIdAsync(store, grant.Workspace, entry.Identity, cancellationToken);
        var recognition = await store.AddRecognitionAsync(grant.Workspace, memberId, entry.Kind ?? "", entry.Note,
            entry.GivenOn ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), By(entry.By, grant), cancellationToken);
        return TypedResults.Created($"/api/v1/community/recognitions?member={Uri.EscapeDataString(entry.Identity!)}", recognition);
    }

    private static async Task<Ok<Page<OutreachTask>>> ListTasksAsync(
        HttpResponse response, IRapportStore store, WorkspaceResolver workspaces, [AsParameters] PageRequest page, string? workspace, string? status,
        string? reason, string? assignee, string? member, CancellationToken cancellationToken)
    {
        var resolved = await workspaces.ResolveAsync(workspace, cancellationToken);
        var query = new OutreachQuery
        {
            Status = status is null ? null : OutreachStatuses.TryParse(status, out var s) ? s
                : throw new FormatException($"'{status}' is not a status; use {string.Join(", ", OutreachStatuses.All.Select(OutreachStatuses.Name))}"),
            Reason = reason is null ? null : OutreachReasons.TryParse(reason, out var r) ? r
                : throw new FormatException($"'{reason}' is not a reason; use {string.Join(", ", OutreachReasons.All.Select(OutreachReasons.Name))}"),
            Assignee = assignee,
            MemberId = member is null ? null : await MemberIdAsync(store, resolved, member, cancellationToken),
        };
        const string list = "ListOutreachTasks";
        var (tasks, total) = await store.ListOutreachTasksAsync(resolved, query, page.Keyset(list), cancellationToken);
        response.Headers["X-Total-Count"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(Pages.Keyed(tasks, list));
    }

    private static async Task<Ok<OutreachTask>> GetTaskAsync(
        IRapportStore store, WorkspaceResolver workspaces, long id, string? workspace, CancellationToken cancellationToken)
    {
        var resolved = await workspaces.ResolveAsync(workspace, cancellationToken);
        return TypedResults.Ok(await store.GetOutreachTaskAsync(resolved, id, cancellationToken)
            ?? throw new NotFoundException($"There is no outreach task {id}."));
    }

    private static async Task<Ok<OutreachTask>> UpdateTaskAsync(
        HttpRequest request, long id, OutreachTaskChange change, IRapportStore store, WriteKeyAuthenticator keys, CancellationToken cancellationToken)
    {
        var grant = await keys.AuthenticateAsync(request, null, ApiKeyScope.Admin, cancellationToken);
        OutreachStatus? status = change.Status is null ? null : OutreachStatuses.TryParse(change.Status, out var parsed) ? parsed
            : throw new FormatException($"'{change.Status}' is not a status; use {string.Join(", ", OutreachStatuses.All.Select(OutreachStatuses.Name))}");
        var update = new OutreachTaskUpdate(status, change.SnoozedUntil?.ToUniversalTime(), change.Assignee, change.Note);
        return TypedResults.Ok(await store.UpdateOutreachTaskAsync(grant.Workspace, id, update, By(change.By, grant), cancellationToken)
            ?? throw new NotFoundException($"There is no outreach task {id}."));
    }

    private static async Task<Ok<CommunityRefresh>> RefreshAsync(
        HttpRequest request, IRapportStore store, WriteKeyAuthenticator keys, TimeProvider clock, DateTime? asOf, CancellationToken cancellationToken)
    {
        var grant = await keys.AuthenticateAsync(request, null, ApiKeyScope.Admin, cancellationToken);
        return TypedResults.Ok(await store.RefreshCommunityAsync(grant.Workspace, asOf?.ToUniversalTime() ?? clock.GetUtcNow().UtcDateTime, cancellationToken));
    }

    private static async Task<long> MemberIdAsync(IRapportStore store, Workspace workspace, string? identity, CancellationToken cancellationToken)
    {
        if (!Identity.TryParse(identity ?? "", out var parsed, out var reason))
        {
            throw new FormatException(reason);
        }

        var member = await store.FindMemberAsync(workspace, parsed, cancellationToken)
            ?? throw new NotFoundException($"No developer has the identity {parsed}.");
        return member.Id;
    }

    /// <summary>Who made a change over the API: as the request says, or else the key that made it.</summary>
    private static string By(string? by, ApiKeyGrant grant) => string.IsNullOrWhiteSpace(by) ? $"api key {grant.Prefix}" : by.Trim();

}
