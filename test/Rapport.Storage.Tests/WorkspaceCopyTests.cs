using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Rapport.Connectors.Beacons;
using Rapport.Core.ApiKeys;
using Rapport.Core.Community;
using Rapport.Core.Content;
using Rapport.Core.Coverage;
using Rapport.Core.Events;
using Rapport.Core.Feedback;
using Rapport.Core.Icps;
using Rapport.Core.Identities;
using Rapport.Core.Ingest;
using Rapport.Core.Journey;
using Rapport.Core.Leads;
using Rapport.Core.Members;
using Rapport.Core.Outreach;
using Rapport.Core.Reach;
using Rapport.Core.Reports;
using Rapport.Core.Webhooks;
using Rapport.Core.Workspaces;
using Rapport.Storage.Tests.Postgres;

namespace Rapport.Storage.Tests;

/// <summary>
/// Copying a workspace between backends (<see cref="IRapportStore.ExportAsync"/> into <see cref="IRapportStore.ImportAsync"/>):
/// DuckDB to PostgreSQL to a new DuckDB file, each copy answering every question as its source does and ingesting on
/// from where the source stopped.
/// </summary>
public sealed partial class WorkspaceCopyTests : IAsyncLifetime
{
    private const string Slug = "acme";

    /// <summary>Three developers, two of them merged by an identify, traits, and a shared email that suggests a merge.</summary>
    private static readonly string[] Traffic =
    [
        """{"type":"page","messageId":"a1","anonymousId":"x","timestamp":"2026-03-01T10:00:00Z"}""",
        """{"type":"track","messageId":"a2","anonymousId":"x","event":"Docs Viewed","timestamp":"2026-03-04T10:00:00Z"}""",
        """{"type":"track","messageId":"b1","userId":"7","event":"Signed Up","timestamp":"2026-03-02T10:00:00Z"}""",
        """{"type":"identify","messageId":"c1","anonymousId":"x","userId":"7","traits":{"name":"Ada","email":"ada@example.com"},"timestamp":"2026-03-07T10:00:00Z"}""",
        """{"type":"identify","messageId":"i1","anonymousId":"shared-laptop","userId":"1","traits":{"email":"pat@analytical.io"},"timestamp":"2026-03-01T10:00:00Z"}""",
        """{"type":"track","messageId":"t2","anonymousId":"shared-laptop","userId":"2","event":"Signed Up","timestamp":"2026-03-02T10:01:00Z"}""",
        """{"type":"identify","messageId":"i2","userId":"2","traits":{"email":"pat@analytical.io"},"timestamp":"2026-03-02T10:02:00Z"}""",
        """{"type":"page","messageId":"p9","anonymousId":"loner","properties":{"path":"/pricing"},"context":{"campaign":{"source":"hn"}},"timestamp":"2026-03-03T10:00:00Z"}""",
        """{"type":"track","messageId":"u9","userId":"9","event":"API Called","timestamp":"2026-03-05T10:00:00Z"}""",
    ];

    private static readonly string[] Identities = ["anonymous:x", "user:7", "user:1", "user:2", "anonymous:shared-laptop", "anonymous:loner", "user:9"];

    private readonly List<IRapportStore> _open = [];
    private readonly List<string> _databases = [];
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "rapport-copy-tests", Guid.NewGuid().ToString("N"));

    private FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _open)
        {
            await store.DisposeAsync();
        }

        foreach (var database in _databases)
        {
            await PostgresTestServer.DropDatabaseAsync(database);
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void The_copy_covers_every_table_the_migrations_create()
    {
        foreach (var dialect in new[] { SchemaMigrations.DuckDb, SchemaMigrations.Postgres })
        {
            var created = SchemaMigrations.List(dialect)
                .SelectMany(migration => CreateTable().Matches(SchemaMigrations.Read(dialect, migration.Name)))
                .Select(match => match.Groups[1].Value)
                // The ingest version is the target's own, bumped by the copy; the migration history is the store's;
                // users, their sign-in links, failed sign-ins and the cookie key ring belong to the installation, not to a workspace.
                .Where(table => table is not ("ingest_versions" or "schema_migrations" or "users" or "sign_in_links" or "data_protection_keys" or "sign_in_failures"))
                .Order(StringComparer.Ordinal);

            Assert.Equal(StoredTables.Names.Order(StringComparer.Ordinal), created);
        }
    }

    [Fact]
    public async Task A_workspace_copied_from_DuckDB_to_PostgreSQL_and_back_answers_and_ingests_like_the_original()
    {
        var original = OpenDuckDb("original.duckdb");
        var workspace = await original.GetOrCreateWorkspaceAsync(Slug, Token);
        var generated = GeneratedTraffic.Developers(count: 40, seed: 2026_11_25);
        await IngestAsync(original, workspace, [.. generated.Messages]);
        await IngestAsync(original, workspace, Traffic[..3]);
        await IngestAsync(original, workspace, Traffic[3..]);
        await original.SetJourneyMapAsync(workspace, PageViewsAreEvaluation(), Token);
        var writeKey = await original.CreateApiKeyAsync(workspace, ApiKeyScope.Ingest, "website", Token);
        var revoked = await original.CreateApiKeyAsync(workspace, ApiKeyScope.Ingest, "old", Token);
        await original.RevokeApiKeyAsync(workspace, revoked.Key.Prefix, Token);
        var noted = (await original.ListMembersAsync(workspace, new MemberQuery { Limit = 1 }, Token)).Members[0].Id;
        await original.AddMemberNoteAsync(workspace, noted, "devrel@example.com", "Met at the meetup", Token);
        await original.SetMemberTagAsync(workspace, noted, "champion", tagged: true, Token);
        await original.SetWebhookSecretAsync(workspace, "github", "copied along", Token);
        await original.MergeMembersAsync(workspace, Identity.Parse("anonymous:anon-0"), Identity.Parse("anonymous:anon-1"), "devrel@example.com", "one laptop", Token);
        await original.UnmergeIdentityAsync(workspace, Identity.Parse("anonymous:anon-1"), "devrel@example.com", "two people after all", Token);
        await original.SetCommunityConfigAsync(workspace, CommunityConfig.Parse("""{"outreach": {"product": "Acme"}}"""), Token);
        await original.NominateHeroAsync(workspace, noted, hero: true, "devrel@example.com", "Runs the meetup", Token);
        await original.AddRecognitionAsync(workspace, noted, "swag", "Stickers", new DateOnly(2026, 3, 30), "devrel@example.com", Token);
        // A year on, the nominated hero has been quiet for long enough to get a task.
        await original.RefreshCommunityAsync(workspace, Clock.GetUtcNow().UtcDateTime.AddYears(1), Token);
        var task = (await original.ListOutreachTasksAsync(workspace, new OutreachQuery { Reason = OutreachReason.HeroQuiet }, Token)).Tasks[0];
        await original.UpdateOutreachTaskAsync(workspace, task.Id, new OutreachTaskUpdate(Note: "Wrote to them"), "devrel@example.com", Token);
        await original.AddWebhookSubscriptionAsync(workspace, "https://hooks.example.com/rapport", ["drql.created"], WebhookFormat.Slack, Token);
        await original.SetLeadCriteriaAsync(workspace, new LeadCriteria([new LeadRule(1, JourneyStage.Discover)], activeWithinDays: 3650), Token);
        await original.RefreshLeadsAsync(workspace, Token);
        var due = await original.ClaimWebhookDeliveriesAsync(1, TimeSpan.FromMinutes(1), Token);
        await original.RecordWebhookAttemptAsync(
            due[0], new WebhookAttempt(1, Clock.GetUtcNow().UtcDateTime, 12, 500, "boom"), WebhookDeliveryStatus.Pending, Utc(4, 2), Token);
        await original.UpdateLeadStatusAsync(workspace, 1, LeadStatus.HandedOff, "to sales", "devrel@example.com", Token);
        await AddContentAsync(original, workspace);
        // An erased developer leaves a salted suppression entry and an audit entry, which travel with the workspace.
        await IngestAsync(original, workspace, ["""{"type":"identify","messageId":"forget-1","userId":"forget-me","timestamp":"2026-03-01T10:00:00Z"}"""]);
        Assert.NotNull(await original.EraseMemberAsync(workspace, Identity.Parse("user:forget-me"), "devrel@example.com", Token));
        var feedback = await original.AddFeedbackAsync(workspace, new FeedbackDraft("Webhooks for merges", FeedbackKind.Feature, Area: "webhooks",
            RaisedBy: [Identity.Parse("user:7")], Organizations: ["Acme"]), "devrel@example.com", Token);
        await original.UpdateFeedbackAsync(workspace, feedback.Id, new FeedbackUpdate(FeedbackStatus.Shipped), "devrel@example.com", Token);
        Clock.Advance(TimeSpan.FromDays(1));

        var postgres = await OpenPostgresAsync();
        var onPostgres = await CopyAsync(original, postgres);
        var copyOfCopy = OpenDuckDb("copy.duckdb");
        var onDuckDb = await CopyAsync(postgres, copyOfCopy);

        var expected = await DescribeAsync(original, workspace, writeKey.Plaintext, revoked.Plaintext);
        Assert.Equal(expected, await DescribeAsync(postgres, onPostgres, writeKey.Plaintext, revoked.Plaintext));
        Assert.Equal(expected, await DescribeAsync(copyOfCopy, onDuckDb, writeKey.Plaintext, revoked.Plaintext));
        Assert.Equal(workspace.CreatedAt, onPostgres.CreatedAt);
        Assert.Equal(workspace.CreatedAt, onDuckDb.CreatedAt);
        var counts = await original.CountStoredRowsAsync(workspace, Token);
        Assert.Equal(counts, await postgres.CountStoredRowsAsync(onPostgres, Token));
        Assert.Equal(counts, await copyOfCopy.CountStoredRowsAsync(onDuckDb, Token));
        Assert.All(StoredTables.Names, table => Assert.True(counts[table] > 0, $"the test workspace has no {table}"));

        // Ingest goes on in every copy as in the original: a message merging two copied members, one already stored.
        string[] more =
        [
            """{"type":"alias","messageId":"m1","previousId":"loner","userId":"9","timestamp":"2026-03-09T10:00:00Z"}""",
            """{"type":"track","messageId":"m2","userId":"9","event":"Plan Upgraded","timestamp":"2026-03-10T10:00:00Z"}""",
            """{"type":"track","messageId":"b1","userId":"7","event":"Signed Up","timestamp":"2026-03-02T10:00:00Z"}""",
        ];
        var summary = await IngestAsync(original, workspace, more);
        Assert.Equal(1, summary.MembersMerged);
        Assert.Equal(1, summary.DuplicatesSkipped);
        Assert.Equal(summary, await IngestAsync(postgres, onPostgres, more));
        Assert.Equal(summary, await IngestAsync(copyOfCopy, onDuckDb, more));
        var after = await DescribeAsync(original, workspace, writeKey.Plaintext, revoked.Plaintext);
        Assert.NotEqual(expected, after);
        Assert.Equal(after, await DescribeAsync(postgres, onPostgres, writeKey.Plaintext, revoked.Plaintext));
        Assert.Equal(after, await DescribeAsync(copyOfCopy, onDuckDb, writeKey.Plaintext, revoked.Plaintext));
        Assert.Equal(["anonymous:loner", "user:9"], (await copyOfCopy.FindMemberAsync(onDuckDb, Identity.Parse("user:9"), Token))!.Identities);
    }

    [Fact]
    public async Task A_copy_into_a_workspace_that_holds_data_is_refused_and_changes_nothing()
    {
        var source = OpenDuckDb("source.duckdb");
        var workspace = await source.GetOrCreateWorkspaceAsync(Slug, Token);
        await IngestAsync(source, workspace, Traffic);
        IRapportStore[] targets = [OpenDuckDb("target.duckdb"), await OpenPostgresAsync()];
        foreach (var target in targets)
        {
            var occupied = await target.GetOrCreateWorkspaceAsync(Slug, Token);
            await target.CreateApiKeyAsync(occupied, ApiKeyScope.Ingest, name: null, Token);
            var before = await target.CountStoredRowsAsync(occupied, Token);

            var refused = await Assert.ThrowsAsync<WorkspaceNotEmptyException>(
                () => target.ImportAsync(occupied, source.ExportAsync(workspace, Token), progress: null, Token));

            Assert.Contains("already holds data", refused.Message, StringComparison.Ordinal);
            Assert.Equal(before, await target.CountStoredRowsAsync(occupied, Token));
            Assert.Equal(0, (await target.GetStatsAsync(occupied, Token)).Developers);
        }
    }

    [Fact]
    public async Task Another_process_serving_the_PostgreSQL_target_reloads_its_state_after_the_copy()
    {
        var source = OpenDuckDb("source.duckdb");
        var workspace = await source.GetOrCreateWorkspaceAsync(Slug, Token);
        await IngestAsync(source, workspace, Traffic);
        var target = await OpenPostgresAsync();
        var serving = OpenAnotherProcess();
        var servingWorkspace = await serving.GetOrCreateWorkspaceAsync(Slug, Token);
        await IngestAsync(serving, servingWorkspace, []);

        await CopyAsync(source, target);

        string[] more =
        [
            """{"type":"track","messageId":"b1","userId":"7","event":"Signed Up","timestamp":"2026-03-02T10:00:00Z"}""",
            """{"type":"alias","messageId":"m1","previousId":"loner","userId":"9","timestamp":"2026-03-09T10:00:00Z"}""",
        ];
        var summary = await IngestAsync(serving, servingWorkspace, more);
        Assert.Equal(await IngestAsync(source, workspace, more), summary);
        Assert.Equal(1, summary.DuplicatesSkipped);
        Assert.Equal(1, summary.MembersMerged);
        Assert.Equal(
            await DescribeAsync(source, workspace),
            await DescribeAsync(serving, await serving.FindWorkspaceAsync(Slug, Token) ?? servingWorkspace));
    }

    private async Task<Workspace> CopyAsync(IRapportStore source, IRapportStore target)
    {
        var from = await source.FindWorkspaceAsync(Slug, Token) ?? throw new Xunit.Sdk.XunitException("no source workspace");
        var into = await target.GetOrCreateWorkspaceAsync(Slug, Token);
        // The target caches the empty workspace's ingest state first, as a serving process would: the copy must replace it.
        await IngestAsync(target, into, []);
        var reported = new List<long>();
        await target.ImportAsync(into, source.ExportAsync(from, Token), new SynchronousProgress(reported.Add), Token);
        Assert.Equal((await source.CountStoredRowsAsync(from, Token)).Values.Sum(), reported[^1]);
        return await target.FindWorkspaceAsync(Slug, Token) ?? throw new Xunit.Sdk.XunitException("no copied workspace");
    }

    /// <summary>Everything a user can ask of the workspace, as one comparable text.</summary>
    private static async Task<string> DescribeAsync(IRapportStore store, Workspace workspace, params string[] keys)
    {
        var profiles = new List<object?>();
        foreach (var identity in Identities)
        {
            profiles.Add(await store.FindMemberAsync(workspace, Identity.Parse(identity), Token));
        }

        var grants = new List<object?>();
        foreach (var key in keys)
        {
            var grant = await store.AuthenticateApiKeyAsync(key, Token);
            grants.Add(grant is null ? null : new { grant.Workspace.Slug, grant.Scope, grant.KeyId, grant.Prefix });
        }

        var progress = new List<string>();
        await foreach (var member in store.ReadMemberProgressAsync(workspace, Token))
        {
            progress.Add(StoredProgress.From(member).ToString());
        }

        var suggestions = new List<object>();
        foreach (var status in new[] { "open", "dismissed", "merged" })
        {
            suggestions.Add(await store.ListMergeSuggestionsAsync(workspace, status, 100, Token));
        }

        return JsonSerializer.Serialize(new
        {
            Funnel = await store.GetFunnelAsync(workspace, DateRange.All, Token),
            Stats = await store.GetStatsAsync(workspace, Token),
            Profiles = profiles,
            Journey = (await store.GetJourneyMapAsync(workspace, Token)).ToJson(),
            Keys = await store.ListApiKeysAsync(workspace, Token),
            Grants = grants,
            GitHubSecret = await store.GetWebhookSecretAsync(workspace, "github", Token),
            Suggestions = suggestions,
            Feedback = await store.ListFeedbackAsync(workspace, new FeedbackQuery(), Token),
            Merges = await store.ListMemberMergesAsync(workspace, null, 100, Token),
            Subscriptions = await store.ListWebhookSubscriptionsAsync(workspace, Token),
            Deliveries = (await store.ListWebhookDeliveriesAsync(workspace, null, 1000, Token)).OrderBy(delivery => delivery.Id.ToString(), StringComparer.Ordinal),
            LeadCriteria = (await store.GetLeadCriteriaAsync(workspace, Token)).ToJson(),
            Leads = await store.ListLeadsAsync(workspace, null, Token),
            Content = await store.ListContentAsync(workspace, Token),
            Links = await store.ListLinksAsync(workspace, Token),
            Videos = await store.ListVideoReachAsync(workspace, Token),
            Pages = await store.ListPageReachAsync(workspace, Token),
            PageViewTotals = await store.ListPageViewTotalsAsync(workspace, Token),
            Progress = progress.Order(StringComparer.Ordinal),
            Levels = await store.GetLevelReportAsync(workspace, 5, Token),
            Outreach = await store.ListOutreachTasksAsync(workspace, new OutreachQuery(), Token),
            Recognitions = (await store.ListRecognitionsAsync(workspace, null, 0, 10, Token)).Recognitions,
            Community = (await store.GetCommunityConfigAsync(workspace, Token)).ToJson(),
            Events = await store.ListEventsAsync(workspace, Token),
            Icps = (await store.GetIcpsAsync(workspace, Token)).ToJson(),
            IcpMembers = await store.ListIcpMembersAsync(workspace, "active", Token),
            IcpRefresh = await store.GetIcpRefreshAsync(workspace, Token),
            Coverage = (await store.GetCoverageConfigAsync(workspace, Token)).ToJson(),
            CoverageReport = await store.GetCoverageReportAsync(workspace, Token),
        });
    }

    /// <summary>A post and its syndicated copy: the content catalog and its reuse tree.</summary>
    private static async Task AddContentAsync(IRapportStore store, Workspace workspace)
    {
        var post = await store.AddContentAsync(workspace, new ContentFields
        {
            Kind = ContentKind.BlogPost,
            Title = "Generate SDKs in CI",
            Urls = ["https://example.com/blog/sdks-in-ci"],
            Channel = "blog",
            Party = ChannelParty.FirstParty,
            Published = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc),
            Tags = ["python", "ci"],
            Authors = ["Jim"],
            EffortHours = 6.5,
        }, Token);
        await store.AddContentAsync(workspace, new ContentFields
        {
            Kind = ContentKind.BlogPost,
            Title = "Generate SDKs in CI",
            Urls = ["https://dzone.com/articles/sdks-in-ci"],
            Channel = "dzone",
            Party = ChannelParty.ThirdParty,
            ParentId = post.Id,
            Reuse = ReuseKind.Syndication,
            EffortHours = 0.5,
        }, Token);
        await store.ImportContentAsync(workspace, "markdown",
            [new ImportedContent("markdown:quickstart.md", new ContentFields { Kind = ContentKind.DocsPage, Title = "Quickstart" }) { Text = "Install the SDK." }], Token);
        await store.CreateLinkAsync(workspace, "https://example.com/docs/quickstart", post.Id, "dzone", "launch", Token);
        await store.ReplaceVideoReachAsync(workspace, [new VideoReachRow("abc123", "Advertising", "SDKs in CI", 38_500, 192_500)], Token);
        await store.ReplacePageReachAsync(workspace, "log-1", [new PageReachRow("https://example.com/blog/sdks-in-ci", new DateOnly(2026, 3, 2), 10, 8, 7, 5, 4, 1)], Token);
        // A page view past the retention period, rolled up into the totals that travel with the workspace.
        await using (var session = await store.BeginIngestAsync(workspace, Token))
        {
            await session.AddAsync(
                [PageBeacons.ToMessage(new PageBeacon("k", "reader-1", "view-1", 0, "https://example.com/blog/sdks-in-ci", null, null, 45), Utc(3, 3), null)], Token);
            await session.CommitAsync(Token);
        }

        await store.PrunePageViewsAsync(workspace, Utc(3, 20), "devrel@example.com", Token);
        await store.AddEventAsync(workspace, new EventFields
        {
            Name = "PyCon DE",
            Kind = EventKind.Conference,
            Format = EventFormat.InPerson,
            StartsOn = new DateOnly(2026, 3, 10),
            EndsOn = new DateOnly(2026, 3, 12),
            AudienceTags = ["python"],
            Costs = [new EventCost(CostCategory.Sponsorship, 5000m, "EUR")],
            EffortHours = 24,
            Talks = [post.Id],
        }, Token);
        await store.SetIcpsAsync(workspace, IcpSet.Parse("""{"icps": [{"name": "active", "rule": {"activity": "*"}}]}"""), Token);
        await store.SetCoverageConfigAsync(workspace, CoverageConfig.Parse("""{"dimensions": {"language": {"python": ["py"]}}}"""), Token);
        await store.DismissFeedbackSuggestionAsync(workspace, "u9", "devrel@example.com", Token);
    }

    private static async Task<IngestSummary> IngestAsync(IRapportStore store, Workspace workspace, string[] json)
    {
        await using var session = await store.BeginIngestAsync(workspace, Token);
        await session.AddAsync(Segment.Messages(json), Token);
        return await session.CommitAsync(Token);
    }

    private static JourneyMap PageViewsAreEvaluation()
    {
        var stages = JourneyMap.Default.Stages.ToDictionary(
            stage => stage.Key, stage => (IReadOnlyList<string>)[.. stage.Value.Where(type => type != "page")]);
        stages[JourneyStage.Evaluate] = [.. stages[JourneyStage.Evaluate], "page"];
        return new JourneyMap(stages, stalledAfterDays: 21);
    }

    private IRapportStore OpenDuckDb(string file)
    {
        var store = RapportStore.Open(Path.Combine(_directory, file), Clock);
        _open.Add(store);
        return store;
    }

    private async Task<IRapportStore> OpenPostgresAsync()
    {
        var database = await PostgresTestServer.CreateDatabaseAsync(Token);
        _databases.Add(database);
        var store = RapportStore.Open(database, Clock);
        _open.Add(store);
        return store;
    }

    /// <summary>Another store on the PostgreSQL database opened last, as another process would open it.</summary>
    private IRapportStore OpenAnotherProcess()
    {
        var another = RapportStore.Open(_databases[^1], Clock);
        _open.Add(another);
        return another;
    }

    private static DateTime Utc(int month, int day) => new(2026, month, day, 0, 0, 0, DateTimeKind.Utc);

    [GeneratedRegex(@"CREATE TABLE (\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex CreateTable();

    /// <summary>Reports on the writer's thread, so a test sees every report before the copy returns.</summary>
    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
