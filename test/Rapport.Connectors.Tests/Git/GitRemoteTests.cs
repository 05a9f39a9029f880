using Rapport.Connectors.Git;

namespace Rapport.Connectors.Tests.Git;

public class GitRemoteTests
{
    [Theory]
    [InlineData("https://github.com/jquery/jquery.git", "github.com", "jquery/jquery")]
    [InlineData("https://github.com/jquery/jquery", "github.com", "jquery/jquery")]
    [InlineData("git@github.com:dotnet/runtime.git", "github.com", "dotnet/runtime")]
    [InlineData("ssh://git@gitlab.example.com:2222/group/sub/tool.git", "gitlab.example.com", "sub/tool")]
    [InlineData("https://user:token@GitHub.com/npgsql/npgsql.git/", "github.com", "npgsql/npgsql")]
    public void Remote_urls_name_the_owner_and_repository(string url, string host, string ownerAndName)
    {
        var remote = GitRemote.TryParse(url);

        Assert.NotNull(remote);
        Assert.Equal(host, remote.Host);
        Assert.Equal(ownerAndName, remote.OwnerAndName);
    }

    [Theory]
    [InlineData("/srv/git/project.git")]
    [InlineData("../project")]
    [InlineData("file:///srv/git/project.git")]
    [InlineData("https://github.com/onlyowner")]
    public void Local_paths_and_urls_without_owner_and_name_name_nothing(string url) =>
        Assert.Null(GitRemote.TryParse(url));

    [Fact]
    public void Commits_on_github_have_a_web_address_and_elsewhere_none()
    {
        Assert.Equal("https://github.com/jquery/jquery/commit/abc123", GitRemote.TryParse("git@github.com:jquery/jquery.git")!.CommitUrl("abc123"));
        Assert.Null(GitRemote.TryParse("git@gitlab.com:group/project.git")!.CommitUrl("abc123"));
    }
}
