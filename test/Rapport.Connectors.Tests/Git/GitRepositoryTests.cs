using Rapport.Connectors.Git;

namespace Rapport.Connectors.Tests.Git;

public sealed class GitRepositoryTests : IDisposable
{
    private readonly ScratchRepository _repository = new("engine");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_directory_that_is_not_a_repository_is_refused_by_name()
    {
        var directory = Path.Combine(Path.GetDirectoryName(_repository.Path)!, "plain");
        Directory.CreateDirectory(directory);

        var error = await Assert.ThrowsAsync<GitException>(() => GitRepository.OpenAsync(directory, Token));

        Assert.Equal($"{directory}: not a git repository", error.Message);
    }

    [Fact]
    public async Task A_missing_directory_is_refused_by_name()
    {
        var directory = Path.Combine(_repository.Path, "missing");

        var error = await Assert.ThrowsAsync<GitException>(() => GitRepository.OpenAsync(directory, Token));

        Assert.Equal($"{directory}: no such directory", error.Message);
    }

    [Fact]
    public async Task A_repository_without_commits_is_refused()
    {
        var error = await Assert.ThrowsAsync<GitException>(() => GitRepository.OpenAsync(_repository.Path, Token));

        Assert.Equal($"{_repository.Path}: the repository has no commits yet", error.Message);
    }

    [Fact]
    public async Task The_repository_is_named_after_its_origin_on_github_else_after_its_directory()
    {
        _repository.Commit("Ada <ada@example.com>", "First");
        var local = await GitRepository.OpenAsync(_repository.Path, Token);
        _repository.Git("remote", "add", "origin", "git@github.com:analytical/engine.git");
        var cloned = await GitRepository.OpenAsync(_repository.Path, Token);

        Assert.Equal("engine", local.DefaultName);
        Assert.Equal("analytical/engine", cloned.DefaultName);
    }

    [Fact]
    public async Task A_subdirectory_opens_the_whole_repository_and_history_is_read_oldest_first()
    {
        _repository.Commit("Ada <ada@example.com>", "First");
        _repository.Commit("Grace <grace@navy.mil>", "Second");
        var subdirectory = Directory.CreateDirectory(Path.Combine(_repository.Path, "docs")).FullName;

        var repository = await GitRepository.OpenAsync(subdirectory, Token);
        var subjects = new List<string>();
        await foreach (var commit in repository.ReadCommitsAsync(Token))
        {
            subjects.Add(commit.Subject);
        }

        Assert.Equal(_repository.Path, repository.WorkingTree);
        Assert.Equal(2, await repository.CountCommitsAsync(Token));
        Assert.Equal(["First", "Second"], subjects);
    }

    public void Dispose() => _repository.Dispose();
}
