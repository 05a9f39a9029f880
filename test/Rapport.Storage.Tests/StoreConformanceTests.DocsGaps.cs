using Rapport.Core.Content;
using Rapport.Core.DocsGaps;

namespace Rapport.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    private static ImportedContent DocsPage(string path, string title, string text) =>
        new("markdown:" + path, new ContentFields { Kind = ContentKind.DocsPage, Title = title, Urls = ["https://docs.example.com/" + path], Channel = "docs" })
        {
            Text = text,
        };

    [Fact]
    public async Task A_docs_page_keeps_its_text_and_a_new_import_replaces_it()
    {
        await Store.ImportContentAsync(Workspace, "markdown", [DocsPage("webhooks", "Webhooks", "Verify the signature header.")], Token);
        await Store.AddContentAsync(Workspace, Post("Release notes", "https://example.com/blog/release"), Token);

        var first = await Store.ListDocsPagesAsync(Workspace, Token);
        await Store.ImportContentAsync(Workspace, "markdown", [DocsPage("webhooks", "Webhooks", "Verify the signature header with your secret.")], Token);
        var second = await Store.ListDocsPagesAsync(Workspace, Token);

        Assert.Equal([new DocsPage(1, "Webhooks", "https://docs.example.com/webhooks", "Verify the signature header.")], first);
        Assert.Equal([new DocsPage(1, "Webhooks", "https://docs.example.com/webhooks", "Verify the signature header with your secret.")], second);
        Assert.Equal("Verify the signature header with your secret.", await Store.GetContentTextAsync(Workspace, 1, Token));
        Assert.Null(await Store.GetContentTextAsync(Workspace, 2, Token));
        Assert.Equal(1, (await Store.CountStoredRowsAsync(Workspace, Token))["content_texts"]);
    }

    [Fact]
    public async Task Questions_are_read_from_question_activities_with_their_text_answers_and_tags()
    {
        await IngestAsync(
            """{"type":"track","messageId":"q1","userId":"ada","event":"Question Asked","timestamp":"2026-03-02T10:00:00Z","properties":{"title":"Webhook signature fails","body":"The header never matches.","tags":["webhooks","security"],"answered":true,"secondsToFirstAnswer":5400,"url":"https://forum.example.com/q/1"}}""",
            """{"type":"track","messageId":"q2","userId":"bob","event":"Question Asked","timestamp":"2026-03-01T10:00:00Z","properties":{"title":"Rate limits?","tags":"api; limits","answered":false}}""",
            """{"type":"track","messageId":"q3","userId":"bot","event":"Question Asked","timestamp":"2026-03-03T10:00:00Z","properties":{"title":"Automated","bot":true}}""",
            """{"type":"track","messageId":"s1","userId":"ada","event":"Signed Up","timestamp":"2026-03-01T09:00:00Z"}""");

        var questions = await Store.ListQuestionsAsync(Workspace, withText: true, Token);
        var bare = await Store.ListQuestionsAsync(Workspace, withText: false, Token);

        Assert.Equal(["q2", "q1"], questions.Select(question => question.MessageId));
        var (limits, webhook) = (questions[0], questions[1]);
        Assert.Equal(("Rate limits?", (string?)null, false, (double?)null), (limits.Title, limits.Body, limits.Answered, limits.SecondsToFirstAnswer));
        Assert.Equal(["api", "limits"], limits.Tags);
        Assert.Equal(("Webhook signature fails", "The header never matches.", true, 5400.0, "https://forum.example.com/q/1"),
            (webhook.Title, webhook.Body, webhook.Answered, webhook.SecondsToFirstAnswer, webhook.Url));
        Assert.Equal(["webhooks", "security"], webhook.Tags);
        Assert.Equal(Utc(3, 2, 10), webhook.AskedAt);
        Assert.Equal((await FindExistingAsync("user:ada")).Id, webhook.MemberId);
        Assert.Equal([null, null], bare.Select(question => question.Title));
        Assert.Equal([false, true], bare.Select(question => question.Answered));
    }
}
