using Rapport.Connectors.Git;
using Rapport.Core.Identities;

namespace Rapport.Connectors.Tests.Git;

/// <summary>Rapport's mailmap and the one git applies, asked the same questions on a real repository.</summary>
public sealed class MailmapAgainstGitTests : IDisposable
{
    private readonly ScratchRepository _repository = CommunityRepository.Create();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_raw_person_in_the_history_maps_as_git_check_mailmap_maps_it()
    {
        var mailmap = await (await GitRepository.OpenAsync(_repository.Path, Token)).ReadMailmapAsync(Token);
        string[] caseVariants = ["ALAN <Shared@Build.Local>", "kj <shared@BUILD.local>", "Kj <shared@build.local>", "x <CB@Difference.Engine>"];

        foreach (var person in CommunityRepository.RawPeople.Concat(caseVariants))
        {
            var expected = _repository.Git("check-mailmap", person).TrimEnd('\n');
            var left = person.IndexOf('<', StringComparison.Ordinal);
            var (name, email) = mailmap.Map(person[..left].Trim(), person[(left + 1)..^1]);

            Assert.Equal(expected, $"{name} <{email}>");
        }
    }

    [Fact]
    public async Task Every_author_and_committer_maps_as_git_log_maps_it()
    {
        var mailmap = await (await GitRepository.OpenAsync(_repository.Path, Token)).ReadMailmapAsync(Token);
        var log = _repository.Git("log", "--format=%an%x00%ae%x00%aN%x00%aE%x00%cn%x00%ce%x00%cN%x00%cE");

        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(CommunityRepository.Commits, lines.Length);
        foreach (var fields in lines.Select(line => line.Split('\0')))
        {
            Assert.Equal((fields[2], fields[3]), mailmap.Map(fields[0], fields[1]));
            Assert.Equal((fields[6], fields[7]), mailmap.Map(fields[4], fields[5]));
        }
    }

    [Fact]
    public async Task The_mapping_agrees_with_git_for_the_four_forms()
    {
        var mailmap = await (await GitRepository.OpenAsync(_repository.Path, Token)).ReadMailmapAsync(Token);

        Assert.Equal(("Ada Lovelace", "ADA@Example.com"), mailmap.Map("ada", "ADA@Example.com"));
        Assert.Equal(("Grace", "grace@navy.mil"), mailmap.Map("Grace", "grace@old-laptop.local"));
        Assert.Equal(("Charles Babbage", "charles@example.com"), mailmap.Map("Charles", "cb@difference.engine"));
        Assert.Equal(("Alan Turing", "alan@example.com"), mailmap.Map("Alan", "shared@build.local"));
        Assert.Equal(("Kathy Johnson", "kathy@example.com"), mailmap.Map("KJ", "shared@build.local"));
        Assert.Equal(("builder", "shared@build.local"), mailmap.Map("builder", "shared@build.local"));
    }

    [Fact]
    public async Task A_mailmap_file_from_the_configuration_is_read_after_the_working_tree_one_as_git_reads_it()
    {
        _repository.Write("extra.mailmap", "Lady Ada <ada@example.com>\n");
        _repository.Git("config", "mailmap.file", "extra.mailmap");

        var mailmap = await (await GitRepository.OpenAsync(_repository.Path, Token)).ReadMailmapAsync(Token);

        Assert.Equal("Lady Ada <ada@example.com>", _repository.Git("check-mailmap", "ada <ada@example.com>").TrimEnd('\n'));
        Assert.Equal(("Lady Ada", "ada@example.com"), mailmap.Map("ada", "ada@example.com"));
        Assert.Equal(("Grace", "grace@navy.mil"), mailmap.Map("Grace", "grace@old-laptop.local"));
    }

    [Fact]
    public async Task A_bare_clone_reads_the_mailmap_committed_at_head_as_git_does()
    {
        var bare = Path.Combine(Path.GetDirectoryName(_repository.Path)!, "bare.git");
        _repository.Git("clone", "--quiet", "--bare", _repository.Path, bare);

        var repository = await GitRepository.OpenAsync(bare, Token);
        var mailmap = await repository.ReadMailmapAsync(Token);

        Assert.Null(repository.WorkingTree);
        Assert.Equal("bare", repository.DefaultName);
        Assert.Equal(("Alan Turing", "alan@example.com"), mailmap.Map("alan", "shared@build.local"));
    }

    [Fact]
    public async Task Without_a_mailmap_nothing_is_mapped()
    {
        File.Delete(Path.Combine(_repository.Path, ".mailmap"));

        var mailmap = await (await GitRepository.OpenAsync(_repository.Path, Token)).ReadMailmapAsync(Token);

        Assert.Equal(0, mailmap.Count);
        Assert.Equal("Alan <shared@build.local>", _repository.Git("check-mailmap", "Alan <shared@build.local>").TrimEnd('\n'));
        Assert.Equal(Mailmap.Empty.Count, mailmap.Count);
    }

    public void Dispose() => _repository.Dispose();
}
