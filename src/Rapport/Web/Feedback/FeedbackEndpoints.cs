using Rapport.Core.Feedback;
using Rapport.Core.Identities;
using Rapport.Core.Pulse;
using Rapport.Core.Users;
using Rapport.Storage;
using Rapport.Web.Access;
using Rapport.Web.Caching;
using Rapport.Web.Paging;

namespace Rapport.Web.Feedback;

/// <summary>Product feedback and the community pulse over HTTP: the same store calls and JSON as <c>rapport feedback</c> and <c>rapport community pulse</c>.</summary>
internal static class FeedbackEndpoints
{
    public static void MapFeedbackEndpoints(this IEndpointRouteBuilder app)
    {
        var feedback = app.MapGroup("/api/v1/feedback");
        feedback.MapGet("", ListAsync).WithName("ListFeedback").RequiresAccess(RouteAccess.Viewer)
            .WithSummary("Feedback grouped by product area, ranked by the developers who raised it weighted by stage.");
        feedback.MapGet("/suggestions", SuggestionsAsync).WithName("ListFeedbackSuggestions").RequiresAccess(RouteAccess.Viewer)
            .WithSummary("Questions and issues whose text reads as feedback, waiting to be confirmed.");
        feedback.MapPost("/suggestions/dismissals", DismissAsync)
            .WithName("DismissFeedbackSuggestion")
            .WithSummary("Stops suggesting a question or issue as feedback.")
            .RequiresAccess(RouteAccess.Editor);
        feedback.MapGet("/{id:long}", GetAsync).WithName("GetFeedback").RequiresAccess(RouteAccess.Viewer)
            .WithSummary("One piece of feedback with who raised and upvoted it.");
        feedback.MapPost("", AddAsync).WithName("AddFeedback").RequiresAccess(RouteAccess.Editor)
            .WithSummary("Records a piece of feedback, or confirms a suggestion with fromMessageId.");
        feedback.MapPatch("/{id:long}", UpdateAsync).WithName("UpdateFeedback").RequiresAccess(RouteAccess.Editor)
            .WithSummary("Changes a piece of feedback; shipped creates an outreach task for each developer who asked.");
        feedback.MapPost("/{id:long}/voters", VoteAsync).WithName("AddFeedbackVoter").RequiresAccess(RouteAccess.Editor)
            .WithSummary("Adds a developer who raised or upvoted a piece of feedback.");
        app.MapGet("/api/v1/community/pulse", PulseAsync).WithName("GetCommunityPulse").RequiresAccess(RouteAccess.Viewer)
            .WithETag()
            .WithSummary("The community's weekly health and its lapses.");
    }

    private static async Task<Ok<Page<FeedbackGroup>>> ListAsync(
        HttpContext context, IRapportStore store, ApiAccess access, [AsParameters] PageRequest page, string? status, string? kind, string? area, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Viewer, cancellationToken);
        var query = new FeedbackQuery(status is null ? null : FeedbackNames.ParseStatus(status), kind is null ? null : FeedbackNames.ParseKind(kind), area);
        var groups = FeedbackRanking.Group(await store.ListFeedbackAsync(caller.Workspace, query, cancellationToken));
        return TypedResults.Ok(Pages.Of(groups, page, "ListFeedback", group => group.Area ?? ""));
    }

    private static async Task<Ok<Page<FeedbackSuggestion>>> SuggestionsAsync(
        HttpContext context, IRapportStore store, ApiAccess access, [AsParameters] PageRequest page, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Viewer, cancellationToken);
        const string list = "ListFeedbackSuggestions";
        return TypedResults.Ok(Pages.Keyed(await store.ListFeedbackSuggestionsAsync(caller.Workspace, page.Keyset(list), cancellationToken), list));
    }

    private static async Task<Ok<FeedbackItem>> GetAsync(
        HttpContext context, IRapportStore store, ApiAccess access, long id, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Viewer, cancellationToken);
        return TypedResults.Ok(await store.GetFeedbackAsync(caller.Workspace, id, cancellationToken) ?? throw new NotFoundException($"There is no feedback {id}."));
    }

    private static async Task<Created<FeedbackItem>> AddAsync(
        HttpContext context, IRapportStore store, ApiAccess access, FeedbackRequest request, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Editor, cancellationToken);
        var draft = new FeedbackDraft(
            request.Title, FeedbackNames.ParseKind(request.Kind ?? throw new FormatException("kind is required: bug, feature, docs or friction")),
            request.Body, request.Area, request.TrackerUrl, request.FromMessageId, [.. (request.RaisedBy ?? []).Select(Identity.Parse)], request.Organizations ?? []);
        var item = await store.AddFeedbackAsync(caller.Workspace, draft, caller.Name, cancellationToken);
        return TypedResults.Created($"/api/v1/feedback/{item.Id}", item);
    }

    private static async Task<Ok<FeedbackChange>> UpdateAsync(
        HttpContext context, IRapportStore store, ApiAccess access, long id, FeedbackUpdateRequest request, string? workspace,
        CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Editor, cancellationToken);
        var update = new FeedbackUpdate(
            request.Status is null ? null : FeedbackNames.ParseStatus(request.Status), request.Kind is null ? null : FeedbackNames.ParseKind(request.Kind),
            request.Title, request.Area, request.TrackerUrl);
        var change = await store.UpdateFeedbackAsync(caller.Workspace, id, update, caller.Name, cancellationToken)
            ?? throw new NotFoundException($"There is no feedback {id}.");
        return TypedResults.Ok(change);
    }

    private static async Task<Ok<FeedbackDismissal>> DismissAsync(
        HttpContext context, IRapportStore store, ApiAccess access, FeedbackDismissalRequest request, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Editor, cancellationToken);
        var messageId = request.MessageId ?? throw new FormatException("messageId is required");
        return TypedResults.Ok(new FeedbackDismissal(messageId, await store.DismissFeedbackSuggestionAsync(caller.Workspace, messageId, caller.Name, cancellationToken)));
    }

    private static async Task<Ok<FeedbackItem>> VoteAsync(
        HttpContext context, IRapportStore store, ApiAccess access, long id, FeedbackVoteRequest request, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Editor, cancellationToken);
        var identity = Identity.Parse(request.Identity ?? throw new FormatException("identity is required (kind:value)"));
        return TypedResults.Ok(await store.AddFeedbackVoterAsync(caller.Workspace, id, identity, request.Raised, request.MessageId, caller.Name, cancellationToken)
            ?? throw new NotFoundException($"There is no feedback {id}."));
    }

    private static async Task<Ok<CommunityPulse>> PulseAsync(
        HttpContext context, IRapportStore store, ApiAccess access, TimeProvider clock, DateTime? asOf, int? weeks, string? teamTag, int? quietDays,
        double? maxResponseHours, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Viewer, cancellationToken);
        var defaults = PulseRules.Default;
        var rules = defaults with
        {
            Weeks = weeks ?? defaults.Weeks,
            TeamTag = teamTag ?? defaults.TeamTag,
            QuietDays = quietDays ?? defaults.QuietDays,
            MaxMedianResponseHours = maxResponseHours ?? defaults.MaxMedianResponseHours,
        };
        var at = asOf is { } given ? DateTime.SpecifyKind(given.ToUniversalTime(), DateTimeKind.Utc) : clock.GetUtcNow().UtcDateTime;
        return TypedResults.Ok(await store.GetCommunityPulseAsync(caller.Workspace, at, rules, cancellationToken));
    }
}
