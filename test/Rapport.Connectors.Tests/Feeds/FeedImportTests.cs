using Rapport.Connectors.Feeds;
using Rapport.Connectors.Segment;
using Rapport.Core.Content;
using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Connectors.Tests.Feeds;

/// <summary>Real RSS 2.0, RSS 1.0 and Atom feeds (rss-parser's test inputs) read and imported into a real DuckDB store.</summary>
public sealed class FeedImportTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rapport-tests", Guid.NewGuid().ToString("N"))).FullName;
    private IRapportStore _store = null!;
    private Workspace _workspace = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Feed(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "feeds", name);

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

    [Theory]
    [InlineData("atom-customfields.atom", "atom", 15)]
    [InlineData("content-encoded.rss", "rss-2.0", 7)]
    [InlineData("encoding.rss", "rss-2.0", 40)]
    [InlineData("feedburner.atom", "atom", 25)]
    [InlineData("gulp-atom.atom", "atom", 10)]
    [InlineData("heise.atom", "atom", 15)]
    [InlineData("itunes-category.rss", "rss-2.0", 1)]
    [InlineData("many-links.rss", "atom", 25)]
    [InlineData("pagination-links.rss", "rss-2.0", 1)]
    [InlineData("reddit-atom.rss", "rss-2.0", 24)]
    [InlineData("rss-1.rss", "rss-1.0", 69)]
    [InlineData("xml2js-options.rss", "rss-1.0", 69)]
    public void Every_well_formed_real_feed_is_read_with_all_its_entries(string file, string format, int entries)
    {
        using var input = File.OpenRead(Feed(file));

        var feed = FeedReader.Read(input);

        Assert.Equal(format, feed.Format);
        Assert.Equal(entries, feed.Entries.Count);
        Assert.All(feed.Entries, entry => Assert.False(string.IsNullOrWhiteSpace(entry.Title)));
    }

    [Fact]
    public void Entries_keep_their_link_date_authors_and_categories()
    {
        var atom = Read("heise.atom").Entries[0];
        var rss1 = Read("rss-1.rss").Entries[0];
        var rss2 = Read("content-encoded.rss").Entries[0];
        var podcast = Read("itunes-category.rss");
        var relative = FeedImport.ToContent(Read("gulp-atom.atom"), kind: null, channel: null, party: null)[0];

        Assert.Equal("Java-Anwendungsserver: Red Hat gibt WildFly 10 frei", atom.Title);
        Assert.Equal(new DateTime(2016, 2, 1, 16, 22, 0, DateTimeKind.Utc), atom.Published);
        Assert.Equal("http://heise.de/-3088438", atom.Id);
        Assert.StartsWith("http://www.heise.de/developer/meldung/Java-Anwendungsserver-Red-Hat-gibt-WildFly-10-frei-3088438.html", atom.Link);
        Assert.Equal(("Food for fungi", new DateTime(2017, 6, 15, 17, 29, 47, DateTimeKind.Utc)), (rss1.Title, rss1.Published));
        Assert.Equal(["Hines, P. J."], rss1.Authors);
        Assert.Equal(["plants", "environment", "nature", "foraging", "food"], rss2.Categories);
        Assert.Equal(["Jeremy Puma"], rss2.Authors);
        Assert.Equal(new DateTime(2018, 4, 9, 18, 55, 38, DateTimeKind.Utc), rss2.Published);
        Assert.True(podcast.IsPodcast);
        Assert.Equal(new DateTime(2015, 11, 7, 17, 0, 0, DateTimeKind.Utc), podcast.Entries[0].Published);
        Assert.Equal(["https://github.com/gulpjs/gulp/releases/tag/v3.9.0"], relative.Fields.Urls);
        Assert.Equal("github.com", relative.Fields.Channel);
    }

    [Theory]
    [InlineData("itunes-keywords-array.rss", 2, "not well-formed XML")]
    [InlineData("unrecognized.rss", 2, "not well-formed XML")]
    [InlineData("incomplete-fields.atom", 3, "entry 1 has no title")]
    [InlineData("missing-fields.atom", 3, "entry 1 (tag:github.com,2008:Repository/11167738/v3.9.0) has no title")]
    public async Task A_malformed_feed_is_refused_with_the_line_and_reason_and_imports_nothing(string file, long line, string reason)
    {
        await using var input = File.OpenRead(Feed(file));

        var error = await Assert.ThrowsAsync<ImportLineException>(() =>
            new FeedImport(_store).ImportAsync(_workspace, input, file, kind: null, channel: null, party: null, Token));

        Assert.Equal(line, error.Line);
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
        Assert.StartsWith($"{file}:{line}: {reason}", error.Message, StringComparison.Ordinal);
        Assert.Empty(await _store.ListContentAsync(_workspace, Token));
    }

    [Fact]
    public async Task Importing_a_feed_again_adds_nothing_and_a_podcast_feed_makes_podcasts()
    {
        var first = await ImportAsync("heise.atom", channel: null);
        var again = await ImportAsync("heise.atom", channel: null);
        var podcast = await ImportAsync("itunes-category.rss", channel: "Taverncast");

        Assert.Equal(new ContentImportSummary(15, 0, 0), first);
        Assert.Equal(new ContentImportSummary(0, 0, 15), again);
        Assert.Equal(new ContentImportSummary(1, 0, 0), podcast);
        var items = await _store.ListContentAsync(_workspace, Token);
        Assert.Equal(16, items.Count);
        Assert.All(items.Take(15), item => Assert.Equal(("heise.de", ContentKind.BlogPost, "feed"), (item.Channel, item.Kind, item.Source)));
        Assert.Equal((ContentKind.Podcast, "taverncast"), (items[15].Kind, items[15].Channel));
    }

    private static Feed Read(string file)
    {
        using var input = File.OpenRead(Feed(file));
        return FeedReader.Read(input);
    }

    private async Task<ContentImportSummary> ImportAsync(string file, string? channel)
    {
        await using var input = File.OpenRead(Feed(file));
        return (await new FeedImport(_store).ImportAsync(_workspace, input, file, kind: null, channel, party: null, Token)).Summary;
    }
}
