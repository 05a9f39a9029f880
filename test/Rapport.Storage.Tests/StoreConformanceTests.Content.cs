using Rapport.Core.Content;

namespace Rapport.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    private static ContentFields Post(string title, string url, string channel = "blog") => new()
    {
        Kind = ContentKind.BlogPost,
        Title = title,
        Urls = [url],
        Channel = channel,
        Party = ChannelParty.FirstParty,
        Published = Utc(3, 1),
        Tags = ["Python", "CI", "python"],
        Authors = ["Jim Bennett"],
        EffortHours = 6.5,
    };

    [Fact]
    public async Task A_content_item_is_added_numbered_and_read_back_as_it_was_given()
    {
        var added = await Store.AddContentAsync(Workspace, Post("Generate SDKs in CI", "https://example.com/blog/sdks-in-ci"), Token);
        var second = await Store.AddContentAsync(Workspace, Post("Second", "https://example.com/blog/second"), Token);

        Assert.Equal(1, added.Id);
        Assert.Equal(2, second.Id);
        var read = await Store.GetContentAsync(Workspace, 1, Token);
        Assert.NotNull(read);
        Assert.Equal(ContentKind.BlogPost, read.Kind);
        Assert.Equal("Generate SDKs in CI", read.Title);
        Assert.Equal("https://example.com/blog/sdks-in-ci", read.Url);
        Assert.Equal("blog", read.Channel);
        Assert.Equal(ChannelParty.FirstParty, read.Party);
        Assert.Equal(Utc(3, 1), read.Published);
        Assert.Equal(["python", "ci"], read.Tags);
        Assert.Equal(["Jim Bennett"], read.Authors);
        Assert.Equal(6.5, read.EffortHours);
        Assert.Equal("manual", read.Source);
        Assert.Equal(Clock.GetUtcNow().UtcDateTime, read.CreatedAt);
        Assert.Null(await Store.GetContentAsync(Workspace, 3, Token));
    }

    [Fact]
    public async Task Reuse_forms_a_tree_and_a_parent_that_would_make_a_cycle_is_refused()
    {
        var sample = await Store.AddContentAsync(Workspace, new ContentFields { Kind = ContentKind.Sample, Title = "SDK sample repo" }, Token);
        var video = await Store.AddContentAsync(Workspace,
            new ContentFields { Kind = ContentKind.Video, Title = "The sample, explained", ParentId = sample.Id, Reuse = ReuseKind.Adaptation }, Token);
        var workshop = await Store.AddContentAsync(Workspace,
            new ContentFields { Kind = ContentKind.Workshop, Title = "Hands-on SDKs", ParentId = video.Id, Reuse = ReuseKind.Adaptation }, Token);

        var tree = new ContentTree(await Store.ListContentAsync(Workspace, Token));
        Assert.Equal(sample.Id, tree.RootOf(workshop.Id));
        Assert.Equal([sample.Id, video.Id, workshop.Id], tree.TreeOf(workshop.Id).Items().Select(item => item.Id));

        var cycle = await Assert.ThrowsAsync<FormatException>(() =>
            Store.UpdateContentAsync(Workspace, sample.Id, new ContentFields { ParentId = workshop.Id, Reuse = ReuseKind.Redelivery }, Token));
        Assert.Equal("content item 3 is made from item 1, so it cannot also be its parent", cycle.Message);
        var missing = await Assert.ThrowsAsync<FormatException>(() =>
            Store.AddContentAsync(Workspace, new ContentFields { Kind = ContentKind.Talk, Title = "x", ParentId = 99, Reuse = ReuseKind.Redelivery }, Token));
        Assert.Equal("there is no content item 99 to be the parent", missing.Message);
        Assert.Null((await Store.GetContentAsync(Workspace, sample.Id, Token))!.ParentId);
        Assert.Equal(3, (await Store.ListContentAsync(Workspace, Token)).Count);
    }

    [Fact]
    public async Task Editing_changes_only_the_fields_given()
    {
        var post = await Store.AddContentAsync(Workspace, Post("Draft title", "https://example.com/blog/post"), Token);
        Clock.Advance(TimeSpan.FromHours(1));

        var edited = await Store.UpdateContentAsync(Workspace, post.Id, new ContentFields { Title = "Final title", Tags = ["Go"] }, Token);

        Assert.NotNull(edited);
        var read = await Store.GetContentAsync(Workspace, post.Id, Token);
        Assert.NotNull(read);
        Assert.Equal(edited, read with { Urls = edited.Urls, Authors = edited.Authors, Tags = edited.Tags });
        Assert.Equal("Final title", read.Title);
        Assert.Equal(["go"], read.Tags);
        Assert.Equal("https://example.com/blog/post", read.Url);
        Assert.Equal(6.5, read.EffortHours);
        Assert.Equal(post.CreatedAt.AddHours(1), read.UpdatedAt);
        Assert.Null(await Store.UpdateContentAsync(Workspace, 42, new ContentFields { Title = "x" }, Token));
    }

    [Fact]
    public async Task Importing_the_same_items_again_updates_them_instead_of_adding_more()
    {
        var manual = await Store.AddContentAsync(Workspace, Post("Added by hand", "https://example.com/blog/b") with { EffortHours = 3 }, Token);
        ImportedContent[] feed =
        [
            new("guid-a", new ContentFields { Kind = ContentKind.BlogPost, Title = "A", Urls = ["https://example.com/blog/a"], Channel = "blog" }),
            new("guid-b", new ContentFields { Kind = ContentKind.BlogPost, Title = "B from the feed", Urls = ["https://example.com/blog/b"], Channel = "blog" }),
        ];

        var first = await Store.ImportContentAsync(Workspace, "feed", feed, Token);
        var again = await Store.ImportContentAsync(Workspace, "feed", feed, Token);

        Assert.Equal(new ContentImportSummary(Added: 1, Updated: 1, Unchanged: 0), first);
        Assert.Equal(new ContentImportSummary(Added: 0, Updated: 0, Unchanged: 2), again);
        var items = await Store.ListContentAsync(Workspace, Token);
        Assert.Equal(["B from the feed", "A"], items.Select(item => item.Title));
        Assert.Equal(3, items.Single(item => item.Id == manual.Id).EffortHours);
        Assert.Equal("feed", items.Single(item => item.Title == "A").Source);
        Assert.Equal(2, (await Store.CountStoredRowsAsync(Workspace, Token))["content_items"]);
    }

    [Fact]
    public async Task Content_belongs_to_its_workspace()
    {
        var other = await Store.GetOrCreateWorkspaceAsync("other", Token);
        await Store.AddContentAsync(other, Post("Theirs", "https://example.com/theirs"), Token);

        Assert.Empty(await Store.ListContentAsync(Workspace, Token));
        Assert.Null(await Store.GetContentAsync(Workspace, 1, Token));
        Assert.Equal(1, (await Store.AddContentAsync(Workspace, Post("Ours", "https://example.com/ours"), Token)).Id);
    }
}
