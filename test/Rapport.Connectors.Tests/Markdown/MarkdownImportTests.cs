using Rapport.Connectors.Markdown;
using Rapport.Connectors.Segment;
using Rapport.Core.Content;
using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Connectors.Tests.Markdown;

/// <summary>Hugo (YAML and TOML), Jekyll and Docusaurus pages imported into a real DuckDB store.</summary>
public sealed class MarkdownImportTests : IAsyncLifetime
{
    private static readonly string Site = Path.Combine(AppContext.BaseDirectory, "TestData", "markdown-site");
    private static readonly string Broken = Path.Combine(AppContext.BaseDirectory, "TestData", "markdown-broken");
    private static readonly MarkdownImportOptions Blog = new(Channel: "Blog", Party: ChannelParty.FirstParty, BaseUrl: new Uri("https://example.com/"));

    private readonly string _directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rapport-tests", Guid.NewGuid().ToString("N"))).FullName;
    private IRapportStore _store = null!;
    private Workspace _workspace = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = RapportStore.Open(Path.Combine(_directory, "rapport.duckdb"), TimeProvider.System);
        _workspace = await _store.GetOrCreateWorkspaceAsync(Workspace.DefaultSlug, Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_site_s_pages_become_items_with_their_front_matter_and_drafts_are_skipped()
    {
        var result = await ImportAsync(Site, Blog);

        Assert.Equal(new MarkdownImportResult(new ContentImportSummary(4, 0, 0), Files: 6, DraftsSkipped: 1, WithoutFrontMatter: 1, Rejected: 0), result);
        var items = await _store.ListContentAsync(_workspace, Token);
        Assert.Equal(["SDKs for Pi Day", "Generate SDKs in CI", "Python SDKs with TOML front matter", "Quickstart"], items.Select(item => item.Title));

        var jekyll = items[0];
        Assert.Equal("https://example.com/pi-day-sdks/", jekyll.Url);
        Assert.Equal(new DateTime(2024, 3, 14, 14, 9, 26, DateTimeKind.Utc), jekyll.Published);
        Assert.Equal(["jekyll", "update"], jekyll.Tags);

        var hugo = items[1];
        Assert.Equal("https://example.com/blog/sdks-in-ci/", hugo.Url);
        Assert.Equal(new DateTime(2024, 4, 25, 0, 0, 0, DateTimeKind.Utc), hugo.Published);
        Assert.Equal(["devrel", "sdk", "ci", "tutorials"], hugo.Tags);
        Assert.Equal(["Jim Bennett"], hugo.Authors);
        Assert.Equal("Generate your SDKs in CI, so that they never fall behind the API.", hugo.Description);
        Assert.Equal(("blog", ChannelParty.FirstParty, ContentKind.BlogPost, "markdown"), (hugo.Channel, hugo.Party, hugo.Kind, hugo.Source));

        var toml = items[2];
        Assert.Equal("https://example.com/blog/python-sdks/", toml.Url);
        Assert.Equal(new DateTime(2024, 5, 2, 7, 30, 0, DateTimeKind.Utc), toml.Published);
        Assert.Equal(["Jim Bennett", "Ada Lovelace"], toml.Authors);
        Assert.Equal(["python", "sdk"], toml.Tags);

        var docusaurus = items[3];
        Assert.Equal("https://docs.example.com/quickstart", docusaurus.Url);
        Assert.Null(docusaurus.Published);
        Assert.Equal(["getting started", "sdk"], docusaurus.Tags);
    }

    [Fact]
    public async Task Drafts_come_when_asked_and_importing_again_changes_nothing()
    {
        var withDrafts = await ImportAsync(Site, Blog with { IncludeDrafts = true });
        var again = await ImportAsync(Site, Blog with { IncludeDrafts = true });

        Assert.Equal(new ContentImportSummary(5, 0, 0), withDrafts.Summary);
        Assert.Equal(new ContentImportSummary(0, 0, 5), again.Summary);
        Assert.Contains(await _store.ListContentAsync(_workspace, Token), item => item.Title == "Not ready yet");
    }

    [Fact]
    public async Task Unreadable_front_matter_stops_the_import_with_file_and_line_unless_skipped()
    {
        var error = await Assert.ThrowsAsync<ImportLineException>(() => ImportAsync(Broken, Blog));
        var rejected = new List<string>();
        var skipped = await new MarkdownImport(_store).ImportAsync(_workspace, Broken, Blog, skipInvalid: true, rejected.Add, Token);

        Assert.Equal(Path.Combine(Broken, "bad-date.md"), error.File);
        Assert.Equal(3, error.Line);
        Assert.Equal("date 'last tuesday' is not a date or time (write 2026-03-01 or 2026-03-01T10:00:00Z)", error.Reason);
        Assert.Equal(2, skipped.Rejected);
        Assert.Equal(2, rejected.Count);
        Assert.Contains(rejected, message => message.StartsWith(Path.Combine(Broken, "bad-yaml.md") + ":", StringComparison.Ordinal)
            && message.Contains("the YAML front matter cannot be read", StringComparison.Ordinal));
        Assert.Empty(await _store.ListContentAsync(_workspace, Token));
    }

    [Theory]
    [InlineData("content/blog/post.md", null, "blog/post/")]
    [InlineData("content/blog/post/index.md", null, "blog/post/")]
    [InlineData("_posts/2024-03-14-pi-day.md", null, "pi-day/")]
    [InlineData("docs/guides/_index.md", null, "docs/guides/")]
    [InlineData("blog/post.md", "my-slug", "blog/my-slug/")]
    public void A_page_s_path_follows_its_folder_and_slug(string file, string? slug, string path) => Assert.Equal(path, MarkdownPage.PagePath(file, slug));

    private Task<MarkdownImportResult> ImportAsync(string directory, MarkdownImportOptions options) =>
        new MarkdownImport(_store).ImportAsync(_workspace, directory, options, skipInvalid: false, onRejected: null, Token);
}
