using System.Text.Json;

namespace Rapport.Tests.Content;

/// <summary><c>rapport content add|edit|list|show</c>, run as a process on a real DuckDB file.</summary>
public sealed class ContentCommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task Added_items_are_listed_as_json_with_the_fields_scripts_rely_on()
    {
        var post = await RunAsync("content", "add", "--kind", "blog-post", "--title", "Generate SDKs in CI",
            "--url", "https://example.com/blog/sdks-in-ci", "--channel", "Blog", "--party", "first_party", "--published", "2026-03-01",
            "--tag", "Python", "--tag", "CI", "--author", "Jim Bennett", "--effort-hours", "6.5");
        var copy = await RunAsync("content", "add", "--kind", "blog_post", "--title", "Generate SDKs in CI",
            "--url", "https://dzone.com/articles/sdks-in-ci", "--channel", "DZone", "--parent", "1", "--reuse", "syndication");

        Assert.Equal((0, "Added content item 1: Generate SDKs in CI"), (post.ExitCode, post.Output.Trim()));
        Assert.Equal(0, copy.ExitCode);
        var list = await RunAsync("content", "list", "--json");
        using var json = JsonDocument.Parse(list.Output);
        var items = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(2, items.Length);
        Assert.Equal(1, items[0].GetProperty("id").GetInt64());
        Assert.Equal("blog_post", items[0].GetProperty("kind").GetString());
        Assert.Equal("Generate SDKs in CI", items[0].GetProperty("title").GetString());
        Assert.Equal("https://example.com/blog/sdks-in-ci", items[0].GetProperty("url").GetString());
        Assert.Equal("blog", items[0].GetProperty("channel").GetString());
        Assert.Equal("2026-03-01T00:00:00Z", items[0].GetProperty("published").GetString());
        Assert.Equal(["python", "ci"], items[0].GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
        Assert.Equal(JsonValueKind.Null, items[0].GetProperty("parentId").ValueKind);
        Assert.Equal(1, items[1].GetProperty("parentId").GetInt64());
        Assert.Equal("syndication", items[1].GetProperty("reuse").GetString());
        Assert.Equal("dzone", items[1].GetProperty("channel").GetString());
    }

    [Fact]
    public async Task Show_prints_the_whole_reuse_tree_and_list_filters()
    {
        await RunAsync("content", "add", "--kind", "sample", "--title", "SDK sample", "--tag", "go");
        await RunAsync("content", "add", "--kind", "talk", "--title", "SDKs at NDC", "--channel", "ndc-oslo", "--parent", "1", "--reuse", "adaptation");
        await RunAsync("content", "add", "--kind", "talk", "--title", "SDKs at a meetup", "--channel", "go-meetup", "--parent", "2", "--reuse", "redelivery");

        var show = await RunAsync("content", "show", "3", "--json");
        var talks = await RunAsync("content", "list", "--kind", "talk", "--json");
        var tagged = await RunAsync("content", "list", "--tag", "GO", "--json");

        using var detail = JsonDocument.Parse(show.Output);
        Assert.Equal("SDKs at a meetup", detail.RootElement.GetProperty("item").GetProperty("title").GetString());
        var root = detail.RootElement.GetProperty("tree");
        Assert.Equal(1, root.GetProperty("item").GetProperty("id").GetInt64());
        var child = Assert.Single(root.GetProperty("children").EnumerateArray());
        Assert.Equal(2, child.GetProperty("item").GetProperty("id").GetInt64());
        Assert.Equal(3, Assert.Single(child.GetProperty("children").EnumerateArray()).GetProperty("item").GetProperty("id").GetInt64());
        Assert.Equal([2L, 3L], Ids(talks.Output));
        Assert.Equal([1L], Ids(tagged.Output));
        var text = await RunAsync("content", "show", "2");
        Assert.Contains("1 sample: SDK sample", text.Output, StringComparison.Ordinal);
        Assert.Contains("3 talk: SDKs at a meetup [go-meetup] (redelivery)", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_changes_the_fields_given_and_bad_input_changes_nothing()
    {
        await RunAsync("content", "add", "--kind", "video", "--title", "Draft", "--url", "https://youtu.be/abc");

        var edited = await RunAsync("content", "edit", "1", "--title", "SDKs in five minutes", "--effort-hours", "4");
        var badKind = await RunAsync("content", "add", "--kind", "novel", "--title", "x");
        var badUrl = await RunAsync("content", "edit", "1", "--url", "ftp://example.com/file");
        var noReuse = await RunAsync("content", "add", "--kind", "talk", "--title", "x", "--parent", "1");
        var missing = await RunAsync("content", "edit", "7", "--title", "x");

        Assert.Equal((0, "Changed content item 1: SDKs in five minutes"), (edited.ExitCode, edited.Output.Trim()));
        Assert.Equal(
            "rapport: 'novel' is not a content kind; the kinds are blog_post, video, talk, workshop, sample, docs_page, podcast, livestream, social_post",
            badKind.Error.Trim());
        Assert.Equal("rapport: 'ftp://example.com/file' is not an http or https address", badUrl.Error.Trim());
        Assert.Equal(
            "rapport: an item with a parent says how it reuses it: redelivery, syndication, translation, adaptation", noReuse.Error.Trim());
        Assert.Equal("rapport: there is no content item 7 in workspace 'default'", missing.Error.Trim());
        Assert.All([badKind, badUrl, noReuse, missing], run => Assert.Equal(1, run.ExitCode));
        using var json = JsonDocument.Parse((await RunAsync("content", "list", "--json")).Output);
        var item = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("SDKs in five minutes", item.GetProperty("title").GetString());
        Assert.Equal("https://youtu.be/abc", item.GetProperty("url").GetString());
        Assert.Equal(4, item.GetProperty("effortHours").GetDouble());
    }

    public void Dispose() => _directory.Dispose();

    private static long[] Ids(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(item => item.GetProperty("id").GetInt64())];
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        RapportProcess.RunAsync(_directory.Path, ["--db", _directory.File("rapport.duckdb"), .. arguments]);
}
