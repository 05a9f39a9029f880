using System.Text.Json;
using Rapport.Connectors.Git;
using Rapport.Core.Identities;
using Rapport.Core.Journey;
using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Connectors.Tests.Git;

/// <summary>A real repository imported into a real DuckDB file, checked through the store.</summary>
public sealed class GitImportTests : IAsyncLifetime
{
    private readonly ScratchRepository _repository = CommunityRepository.Create();
    private IRapportStore _store = null!;
    private Workspace _workspace = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = RapportStore.Open(Path.Combine(Path.GetDirectoryName(_repository.Path)!, "rapport.duckdb"), TimeProvider.System);
        _workspace = await _store.GetOrCreateWorkspaceAsync(Workspace.DefaultSlug, Token);
    }

    [Fact]
    public async Task Each_person_of_each_commit_becomes_one_git_commit_activity_of_their_mailmapped_identity()
    {
        var summary = await ImportAsync();

        Assert.Equal(CommunityRepository.Commits, summary.Commits);
        Assert.Equal(CommunityRepository.Commits, summary.NewCommits);
        Assert.Equal(CommunityRepository.Activities, summary.Ingest.ActivitiesStored);
        Assert.Equal(0, summary.PeopleWithoutEmail);
        var stats = await _store.GetStatsAsync(_workspace, Token);
        Assert.Equal(8, stats.Developers);
        Assert.Equal(CommunityRepository.Activities, stats.Activities);
        Assert.Equal(8, stats.Identities["email"]);
        Assert.Equal(2, stats.Identities["github"]);
        Assert.Equal("git.commit", Assert.Single(stats.TopActivityTypes).Type);
    }

    [Fact]
    public async Task A_developer_who_committed_under_several_names_and_roles_is_one_member_with_the_proper_name()
    {
        await ImportAsync();

        var ada = await FindAsync("email:ada@example.com");
        Assert.Equal("Ada Lovelace", ada.Name);
        Assert.Equal(["email:ada@example.com"], ada.Identities);
        Assert.Equal(4, ada.ActivityCount);
        Assert.Equal(JourneyStage.Build, ada.Stage);
        Assert.Equal(new DateTime(2026, 1, 1, 10, 1, 0, DateTimeKind.Utc), ada.FirstActivity);

        Assert.Equal(2, (await FindAsync("email:grace@navy.mil")).ActivityCount);
        Assert.Equal("Charles Babbage", (await FindAsync("email:charles@example.com")).Name);
        Assert.Equal(2, (await FindAsync("email:charles@example.com")).ActivityCount);
        Assert.Equal("Alan Turing", (await FindAsync("email:alan@example.com")).Name);
        Assert.Equal("Kathy Johnson", (await FindAsync("email:kathy@example.com")).Name);
        Assert.Equal("builder", (await FindAsync("email:shared@build.local")).Name);
    }

    [Fact]
    public async Task A_github_noreply_address_also_identifies_the_github_login()
    {
        await ImportAsync();

        var octocat = await FindAsync("github:octocat");
        Assert.Equal(["email:583231+octocat@users.noreply.github.com", "github:octocat"], octocat.Identities);
        Assert.Equal(1, octocat.ActivityCount);
    }

    [Fact]
    public async Task Activities_say_the_repository_commit_and_role_and_bots_are_flagged()
    {
        await ImportAsync();

        var activities = await ActivitiesAsync();
        Assert.Equal(CommunityRepository.Activities, activities.Count);
        Assert.Equal(10, activities.Count(a => a.Role == "author"));
        Assert.Equal(2, activities.Count(a => a.Role == "co-author"));
        var committer = Assert.Single(activities, a => a.Role == "committer");
        Assert.Equal("Fix a typo in the README", committer.Subject);
        var bot = Assert.Single(activities, a => a.Bot);
        Assert.Equal("Bump lodash from 4.17.20 to 4.17.21", bot.Subject);
        Assert.Equal("author", bot.Role);
        Assert.All(activities, a => Assert.Equal("community/engine", a.Repo));
        Assert.All(activities, a => Assert.Equal("git", a.Source));
        var sha = _repository.Git("rev-parse", "HEAD").Trim();
        var last = Assert.Single(activities, a => a.Sha == sha);
        Assert.Equal($"git:community/engine:{sha}:author:charles@example.com", last.MessageId);
    }

    [Fact]
    public async Task Importing_again_stores_nothing_and_a_new_commit_adds_exactly_its_activities()
    {
        await ImportAsync();

        var again = await ImportAsync();
        Assert.Equal(0, again.NewCommits);
        Assert.Equal(CommunityRepository.Commits, again.AlreadyImported);
        Assert.Equal(0, again.Ingest.ActivitiesStored);
        Assert.Equal(CommunityRepository.Activities, again.Ingest.DuplicatesSkipped);

        _repository.Commit("Grace Hopper <grace@navy.mil>", "Add COBOL examples\n\nCo-authored-by: Kathy Johnson <kathy@example.com>");
        var next = await ImportAsync();
        Assert.Equal(CommunityRepository.Commits + 1, next.Commits);
        Assert.Equal(1, next.NewCommits);
        Assert.Equal(2, next.Ingest.ActivitiesStored);
        Assert.Equal(0, next.Ingest.MembersCreated);
        Assert.Equal(CommunityRepository.Activities + 2, (await _store.GetStatsAsync(_workspace, Token)).Activities);
        Assert.Equal(3, (await FindAsync("email:grace@navy.mil")).ActivityCount);
    }

    [Fact]
    public async Task An_address_that_is_not_an_email_address_is_counted_and_left_out()
    {
        _repository.Commit("Digitalxero <digitalxero>", "Fix the build");

        var summary = await ImportAsync();

        Assert.Equal(CommunityRepository.Commits + 1, summary.Commits);
        Assert.Equal(1, summary.PeopleWithoutEmail);
        Assert.Equal(CommunityRepository.Activities, summary.Ingest.ActivitiesStored);
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        _repository.Dispose();
    }

    private async Task<GitImportSummary> ImportAsync()
    {
        var repository = await GitRepository.OpenAsync(_repository.Path, Token);
        return await new GitImport(_store).ImportAsync(_workspace, repository, "community/engine", cancellationToken: Token);
    }

    private async Task<Core.Members.MemberProfile> FindAsync(string identity) =>
        await _store.FindMemberAsync(_workspace, Identity.Parse(identity), Token)
        ?? throw new Xunit.Sdk.XunitException($"no member with {identity}");

    private async Task<List<StoredActivity>> ActivitiesAsync()
    {
        var columns = StoredTables.ColumnsOf("activities").ToList();
        var activities = new List<StoredActivity>();
        await foreach (var chunk in _store.ExportAsync(_workspace, Token))
        {
            if (chunk.Table != "activities")
            {
                continue;
            }

            foreach (var row in chunk.Rows)
            {
                using var properties = JsonDocument.Parse((string)row[columns.IndexOf("properties")]!);
                var root = properties.RootElement;
                activities.Add(new StoredActivity(
                    (string)row[columns.IndexOf("message_id")]!,
                    (string)row[columns.IndexOf("source")]!,
                    root.GetProperty("repo").GetString()!,
                    root.GetProperty("sha").GetString()!,
                    root.GetProperty("subject").GetString()!,
                    root.GetProperty("role").GetString()!,
                    root.TryGetProperty(BotAccounts.Property, out var bot) && bot.GetBoolean()));
            }
        }

        return activities;
    }

    private sealed record StoredActivity(string MessageId, string Source, string Repo, string Sha, string Subject, string Role, bool Bot);
}
