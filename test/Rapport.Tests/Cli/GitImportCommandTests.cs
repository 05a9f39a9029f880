using System.Text.Json;
using Rapport.Connectors.Tests.Git;

namespace Rapport.Tests.Cli;

/// <summary><c>rapport import git</c> run as a user runs it, on a real repository built with git.</summary>
public sealed class GitImportCommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly ScratchRepository _repository = CommunityRepository.Create("engine");

    [Fact]
    public async Task Import_prints_commits_and_activities_and_a_second_run_finds_every_commit_already_imported()
    {
        _repository.Git("remote", "add", "origin", "https://github.com/analytical/engine.git");

        var first = await RunAsync("import", "git", _repository.Path);
        var second = await RunAsync("import", "git", _repository.Path);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("analytical/engine", first.Output, StringComparison.Ordinal);
        Assert.Matches(@"commits read\s*│\s*10\s", first.Output);
        Assert.Matches(@"new commits\s*│\s*10\s", first.Output);
        Assert.Matches(@"activities stored\s*│\s*13\s", first.Output);
        Assert.Matches(@"members created\s*│\s*8\s", first.Output);
        Assert.Equal(0, second.ExitCode);
        Assert.Matches(@"new commits\s*│\s*0\s", second.Output);
        Assert.Matches(@"commits already imported\s*│\s*10\s", second.Output);
        Assert.Matches(@"activities stored\s*│\s*0\s", second.Output);
        Assert.Matches(@"duplicates skipped\s*│\s*13\s", second.Output);
    }

    [Fact]
    public async Task A_new_commit_adds_only_its_own_activities()
    {
        await RunAsync("import", "git", _repository.Path, "--repo-name", "analytical/engine");
        _repository.Commit("Grace Hopper <grace@navy.mil>", "Add COBOL examples\n\nCo-authored-by: kj <shared@build.local>");

        var next = await RunAsync("import", "git", _repository.Path, "--repo-name", "analytical/engine");

        Assert.Equal(0, next.ExitCode);
        Assert.Matches(@"new commits\s*│\s*1\s", next.Output);
        Assert.Matches(@"activities stored\s*│\s*2\s", next.Output);
        using var kathy = JsonDocument.Parse((await RunAsync("members", "show", "email:kathy@example.com", "--json")).Output);
        Assert.Equal("Kathy Johnson", kathy.RootElement.GetProperty("name").GetString());
        Assert.Equal(2, kathy.RootElement.GetProperty("activityCount").GetInt64());
        Assert.Equal("build", kathy.RootElement.GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Developers_are_found_by_mailmapped_address_and_github_login()
    {
        await RunAsync("import", "git", _repository.Path);

        using var stats = JsonDocument.Parse((await RunAsync("stats", "--json")).Output);
        using var octocat = JsonDocument.Parse((await RunAsync("members", "show", "github:octocat", "--json")).Output);

        Assert.Equal(8, stats.RootElement.GetProperty("developers").GetInt64());
        Assert.Equal(13, stats.RootElement.GetProperty("activities").GetInt64());
        Assert.Equal(8, stats.RootElement.GetProperty("identities").GetProperty("email").GetInt64());
        Assert.Equal(2, stats.RootElement.GetProperty("identities").GetProperty("github").GetInt64());
        Assert.Equal("octocat", octocat.RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_directory_that_is_not_a_repository_is_refused_and_no_store_is_created()
    {
        var plain = Directory.CreateDirectory(_directory.File("plain")).FullName;

        var import = await RunAsync("import", "git", plain);

        Assert.Equal(1, import.ExitCode);
        Assert.Equal($"rapport: {plain}: not a git repository", import.Error.Trim());
        Assert.False(File.Exists(_directory.File("rapport.duckdb")));
    }

    public void Dispose()
    {
        _repository.Dispose();
        _directory.Dispose();
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        RapportProcess.RunAsync(_directory.Path, ["--db", _directory.File("rapport.duckdb"), .. arguments]);
}
