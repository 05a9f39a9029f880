using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Rapport.Configuration;
using Rapport.Connectors.AccessLogs;
using Rapport.Connectors.Events;
using Rapport.Connectors.Feeds;
using Rapport.Connectors.Members;
using Rapport.Connectors.Questions;
using Rapport.Connectors.YouTube;
using Rapport.Core;
using Rapport.Core.Content;
using Rapport.Core.Reach;
using Rapport.Core.Users;
using Rapport.Storage;
using Rapport.Web.Access;
using Rapport.Web.OpenApi;

namespace Rapport.Web.Imports;

/// <summary>
/// The file imports of <c>rapport import</c> over HTTP: the body is the file, the options are query parameters named
/// like the command line's, and each calls the same connector as the command. A bad line stores nothing (400 with the
/// line) unless <c>skipInvalid=true</c>, which imports the rest and lists the rejected lines. Imports that read a
/// directory or repository on the server (git, Stack Exchange, Markdown) stay on the command line (docs/api/README.md).
/// </summary>
internal static class ImportEndpoints
{
    public static void MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/events/{id:long}/attendees", ImportAttendeesAsync)
            .WithName("ImportAttendees")
            .WithSummary("Imports an event's attendee list (CSV): every row registered, checked-in rows attended, as rapport import attendees does.")
            .RequiresAccess(RouteAccess.Editor)
            .DescribesUpload(ImportUpload.Csv);
        var imports = app.MapGroup("/api/v1/imports");
        imports.MapPost("/questions", ImportQuestionsAsync)
            .WithName("ImportQuestions")
            .WithSummary("Imports questions (support tickets, forum posts) from a CSV file, as rapport import questions does.")
            .RequiresAccess(RouteAccess.Editor)
            .DescribesUpload(ImportUpload.Csv);
        imports.MapPost("/members", ImportMembersAsync)
            .WithName("ImportMembers")
            .WithSummary("Imports developers (identities, traits, tags) from a CSV file, as rapport import members does.")
            .RequiresAccess(RouteAccess.Editor)
            .DescribesUpload(ImportUpload.Csv);
        imports.MapPost("/youtube", ImportYouTubeAsync)
            .WithName("ImportYouTube")
            .WithSummary("Imports per-video views and watch time by traffic source from a YouTube Studio CSV export, replacing what it said before.")
            .RequiresAccess(RouteAccess.Editor)
            .DescribesUpload(ImportUpload.Csv);
        imports.MapPost("/access-log", ImportAccessLogAsync)
            .WithName("ImportAccessLog")
            .WithSummary("Imports page views per URL and day from a web server's access log (Common or Combined Log Format).")
            .RequiresAccess(RouteAccess.Editor)
            .DescribesUpload(ImportUpload.AccessLog);
        imports.MapPost("/feed", ImportFeedAsync)
            .WithName("ImportFeed")
            .WithSummary("Imports an RSS or Atom feed's entries into the content catalog: the feed as the body, or a URL to fetch.")
            .RequiresAccess(RouteAccess.Editor)
            .DescribesUpload(ImportUpload.Feed, typeof(FeedUrlRequest))
            .ProducesProblem(StatusCodes.Status502BadGateway);
    }

    private static async Task<Ok<AttendeesImported>> ImportAttendeesAsync(
        HttpContext context, IRapportStore store, ApiAccess access, ImportSettings settings, long id,
        [FromQuery] string[]? column, bool? allAttended, bool? skipInvalid, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Editor, cancellationToken);
        var overrides = AttendeeCsvColumns.ParseOverrides(column ?? []);
        var devRelEvent = await store.GetEventAsync(caller.Workspace, id, cancellationToken) ?? throw new NotFoundException($"There is no event {id}.");
        using var upload = await ImportUpload.ReadAsync(context.Request, ImportUpload.Csv, settings.MaxUploadBytes, cancellationToken);
        using var text = upload.OpenText();
        var rejected = new ImportRejections();
        var reader = new AttendeeCsvReader(text, devRelEvent, overrides, allAttended == true, settings.CsvLimitsFor(AttendeeCsvReader.MaxRowBytes));
        var summary = await new AttendeeCsvImport(store).ImportAsync(
            caller.Workspace, reader, upload.Name, skipInvalid == true, row => rejected.Add(row.LineNumber, row.Error!), cancellationToken);
        return TypedResults.Ok(new AttendeesImported(devRelEvent.Id, summary.Rows, summary.Registered, summary.Attended, summary.Ingest.ActivitiesStored,
            summary.Ingest.DuplicatesSkipped, summary.Ingest.MembersCreated, summary.Rejected, rejected.Listed));
    }

    private static async Task<Ok<QuestionsImported>> ImportQuestionsAsync(
        HttpContext context, IRapportStore store, ApiAccess access, ImportSettings settings,
        [FromQuery] string[]? column, string? channel, bool? skipInvalid, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Editor, cancellationToken);
        var overrides = QuestionsCsvColumns.ParseOverrides(column ?? []);
        using var upload = await ImportUpload.ReadAsync(context.Request, ImportUpload.Csv, settings.MaxUploadBytes, cancellationToken);
        using var text = upload.OpenText();
        var rejected = new ImportRejections();
        var reader = new QuestionsCsvReader(text, overrides, channel ?? QuestionsCsvReader.DefaultChannel, settings.CsvLimitsFor(QuestionsCsvReader.MaxRowBytes));
        var summary = await new QuestionsCsvImport(store).ImportAsync(
            caller.Workspace, reader, upload.Name, skipInvalid == true, row => rejected.Add(row.LineNumber, row.Error!), cancellationToken: cancellationToken);
        return TypedResults.Ok(new QuestionsImported(summary.MessagesRead + rejected.Count, summary.ActivitiesStored, summary.DuplicatesSkipped,
            summary.MembersCreated, summary.MembersMerged, summary.IdentitiesAdded, rejected.Count, rejected.Listed));
    }

    private static async Task<Ok<MembersImported>> ImportMembersAsync(
        HttpContext context, IRapportStore store, ApiAccess access, ImportSettings settings, TimeProvider clock,
        bool? skipInvalid, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Editor, cancellationToken);
        using var upload = await ImportUpload.ReadAsync(context.Request, ImportUpload.Csv, settings.MaxUploadBytes, cancellationToken);
        using var text = upload.OpenText();
        var rejected = new ImportRejections();
        var reader = new MembersCsvReader(text, clock.GetUtcNow().UtcDateTime, settings.CsvLimitsFor(MembersCsvReader.MaxRowBytes));
        var summary = await new MembersCsvImport(store).ImportAsync(
            caller.Workspace, reader, upload.Name, skipInvalid == true, row => rejected.Add(row.LineNumber, row.Error!), cancellationToken: cancellationToken);
        return TypedResults.Ok(new MembersImported(summary.MessagesRead + rejected.Count, summary.ProfileUpdatesStored, summary.DuplicatesSkipped,
            summary.MembersCreated, summary.MembersMerged, summary.IdentitiesAdded, summary.MergesSuggested, rejected.Count, rejected.Listed));
    }

    private static async Task<Ok<YouTubeImported>> ImportYouTubeAsync(
        HttpContext context, IRapportStore store, ApiAccess access, ImportSettings settings, string? video, string? workspace,
        CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Editor, cancellationToken);
        using var upload = await ImportUpload.ReadAsync(context.Request, ImportUpload.Csv, settings.MaxUploadBytes, cancellationToken);
        using var text = upload.OpenText();
        var rows = YouTubeStudioCsv.Read(text, upload.Name, video);
        await store.ReplaceVideoReachAsync(caller.Workspace, rows, cancellationToken);
        return TypedResults.Ok(new YouTubeImported(rows.Count, [.. rows.GroupBy(row => row.VideoId).Select(group => new ImportedVideo(
            group.Key,
            group.First().Title,
            group.Sum(row => row.Views),
            group.Where(row => row.IsPaid).Sum(row => row.Views),
            group.Sum(row => row.EngagedViewsAtMost(EngagementThresholds.DefaultSeconds))))]));
    }

    private static async Task<Ok<AccessLogImported>> ImportAccessLogAsync(
        HttpContext context, IRapportStore store, ApiAccess access, ImportSettings settings, string? site, bool? skipInvalid, string? workspace,
        CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Editor, cancellationToken);
        AccessLogImport.CheckSite(site ?? "");
        using var upload = await ImportUpload.ReadAsync(context.Request, ImportUpload.AccessLog, settings.MaxUploadBytes, cancellationToken);
        using var text = upload.OpenText();
        var rejected = new ImportRejections();
        var (lines, rows) = await new AccessLogImport(store).ImportAsync(
            caller.Workspace, text, upload.Name, site ?? "", skipInvalid == true, rejected.Add, cancellationToken);
        return TypedResults.Ok(new AccessLogImported(lines, rows.Sum(row => row.Views), rows.Sum(row => row.HumanViews), rows.Sum(row => row.OrganicViews),
            rows.Sum(row => row.ValidatedViews), rows.Sum(row => row.PaidEngagedViews), rows.Count, rejected.Count, rejected.Listed));
    }

    private static async Task<Ok<FeedImported>> ImportFeedAsync(
        HttpContext context, IRapportStore store, ApiAccess access, ImportSettings settings, SecuritySettings security,
        string? kind, string? channel, string? party, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Editor, cancellationToken);
        var contentKind = kind is null ? (ContentKind?)null : ContentNames.ParseKind(kind);
        var channelParty = party is null ? (ChannelParty?)null : ContentNames.ParseParty(party);
        string name;
        Stream input;
        ImportUpload? upload = null;
        if (context.Request.HasJsonContentType())
        {
            var url = (await ReadFeedUrlAsync(context.Request, cancellationToken)).Url;
            if (string.IsNullOrWhiteSpace(url))
            {
                throw new FormatException("'url' is required: the feed's http or https address (or send the feed itself as the body)");
            }

            // A server that fails us is a FeedFetchException, answered 502; a URL we refuse is a FormatException, 400.
            input = await FeedDownload.FetchAsync(url, security.AllowPrivateNetworkUrls, cancellationToken);
            name = url;
        }
        else
        {
            upload = await ImportUpload.ReadAsync(context.Request, ImportUpload.Feed, settings.MaxUploadBytes, cancellationToken);
            input = upload.OpenStream();
            name = upload.Name;
        }

        using (upload)
        await using (input)
        {
            var (feed, summary) = await new FeedImport(store).ImportAsync(caller.Workspace, input, name, contentKind, channel, channelParty, cancellationToken);
            return TypedResults.Ok(new FeedImported(feed.Title, feed.Format, feed.Entries.Count, summary.Added, summary.Updated, summary.Unchanged));
        }
    }

    private static async Task<FeedUrlRequest> ReadFeedUrlAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await request.ReadFromJsonAsync<FeedUrlRequest>(RapportJson.Options, cancellationToken)
                ?? throw new FormatException("the body is null; send { \"url\": \"https://…\" }");
        }
        catch (JsonException e)
        {
            throw new FormatException($"the body is not valid JSON: {e.Message}", e);
        }
    }
}
