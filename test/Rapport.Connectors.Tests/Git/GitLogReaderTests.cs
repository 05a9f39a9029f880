using System.Text;
using Rapport.Connectors.Git;
using Rapport.Connectors.Tests.Segment;

namespace Rapport.Connectors.Tests.Git;

public class GitLogReaderTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Record(string sha, string author, string subject, string coAuthors = "") =>
        $"{sha}\0{author}\0{author.ToLowerInvariant()}@example.com\01767261600\0GitHub\0noreply@github.com\01767265200\0{subject}\0{coAuthors}\0\n";

    [Fact]
    public async Task Commits_are_read_field_by_field_even_when_the_output_arrives_a_few_bytes_at_a_time()
    {
        var output = Record("a1", "Zoë", "Première version — ünïcode")
            + Record("b2", "Ada", "Pair", "Grace Hopper <grace@navy.mil>\u001fCharles <cb@difference.engine>\u001fnot a person");

        var commits = new List<GitCommit>();
        await foreach (var commit in GitLogReader.ReadAsync(new TrickleStream(Encoding.UTF8.GetBytes(output), 3), Token))
        {
            commits.Add(commit);
        }

        Assert.Equal(2, commits.Count);
        Assert.Equal(new GitPerson("Zoë", "zoë@example.com"), commits[0].Author);
        Assert.Equal("Première version — ünïcode", commits[0].Subject);
        Assert.Equal(new DateTime(2026, 1, 1, 10, 0, 0, DateTimeKind.Utc), commits[0].AuthoredAt);
        Assert.Equal(new DateTime(2026, 1, 1, 11, 0, 0, DateTimeKind.Utc), commits[0].CommittedAt);
        Assert.Equal(new GitPerson("GitHub", "noreply@github.com"), commits[0].Committer);
        Assert.Empty(commits[0].CoAuthors);
        Assert.Equal([new GitPerson("Grace Hopper", "grace@navy.mil"), new GitPerson("Charles", "cb@difference.engine")], commits[1].CoAuthors);
    }

    [Fact]
    public async Task Output_that_stops_inside_a_commit_is_an_error()
    {
        var output = Record("a1", "Ada", "First") + "b2\0Ada\0";

        var error = await Assert.ThrowsAsync<GitException>(async () =>
        {
            await foreach (var _ in GitLogReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(output)), Token))
            {
            }
        });

        Assert.Equal("git log's output ended in the middle of commit 2", error.Message);
    }

    [Theory]
    [InlineData("Ada Lovelace <ada@example.com>", "Ada Lovelace", "ada@example.com")]
    [InlineData("  Ada <ada@example.com>  ", "Ada", "ada@example.com")]
    [InlineData("ada@example.com", "", "ada@example.com")]
    public void Co_author_trailers_name_a_person(string value, string name, string email)
    {
        Assert.True(GitPerson.TryParse(value, out var person));
        Assert.Equal(new GitPerson(name, email), person);
    }

    [Theory]
    [InlineData("Ada Lovelace")]
    [InlineData("Ada <>")]
    [InlineData("Ada <ada@example.com")]
    public void Co_author_trailers_without_an_address_name_nobody(string value) =>
        Assert.False(GitPerson.TryParse(value, out _));
}
