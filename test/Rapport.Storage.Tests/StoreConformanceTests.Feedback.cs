using Rapport.Core.Feedback;
using Rapport.Core.Identities;
using Rapport.Core.Outreach;

namespace Rapport.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    private const string Dev = "devrel@example.com";

    /// <summary>
    /// Ada reaches Scale (weight 4), Bob Learn (2, a question), Cy Evaluate (1.5); Dee asks a plain question; a bot asks
    /// for something.
    /// </summary>
    private Task<Core.Ingest.IngestSummary> IngestFeedbackTrafficAsync() => IngestAsync(
        """{"type":"identify","messageId":"i1","userId":"ada","timestamp":"2026-03-01T09:00:00Z","traits":{"name":"Ada Lovelace"}}""",
        """{"type":"track","messageId":"q1","userId":"ada","event":"Question Asked","timestamp":"2026-03-02T10:00:00Z","properties":{"title":"Please add a Terraform provider"}}""",
        """{"type":"track","messageId":"u1","userId":"ada","event":"Plan Upgraded","timestamp":"2026-03-03T10:00:00Z"}""",
        """{"type":"track","messageId":"q2","userId":"bob","event":"Question Asked","timestamp":"2026-03-04T10:00:00Z","properties":{"title":"CLI on Windows","body":"The CLI crashes when the path has a space."}}""",
        """{"type":"track","messageId":"s1","userId":"cy","event":"Signed Up","timestamp":"2026-03-05T10:00:00Z"}""",
        """{"type":"track","messageId":"q3","userId":"dee","event":"Question Asked","timestamp":"2026-03-06T10:00:00Z","properties":{"title":"How do I page results?"}}""",
        """{"type":"track","messageId":"q4","userId":"robot","event":"Question Asked","timestamp":"2026-03-07T10:00:00Z","properties":{"title":"Please add more bots","bot":true}}""");

    [Fact]
    public async Task A_dismissed_suggestion_is_not_suggested_again()
    {
        await IngestFeedbackTrafficAsync();

        var dismissed = await Store.DismissFeedbackSuggestionAsync(Workspace, "q2", Dev, Token);
        var twice = await Store.DismissFeedbackSuggestionAsync(Workspace, "q2", Dev, Token);
        var left = await Store.ListFeedbackSuggestionsAsync(Workspace, 10, Token);
        var unknown = await Assert.ThrowsAsync<FormatException>(() => Store.DismissFeedbackSuggestionAsync(Workspace, "nope", Dev, Token));

        Assert.Equal((true, false), (dismissed, twice));
        Assert.Equal(["q1"], left.Select(suggestion => suggestion.MessageId));
        Assert.Equal("the workspace has no activity with the message id 'nope'", unknown.Message);
        Assert.Equal(1, (await Store.CountStoredRowsAsync(Workspace, Token))["feedback_dismissals"]);
    }

    [Fact]
    public async Task Feedback_is_ranked_by_developers_weighted_by_stage_and_grouped_by_area()
    {
        await IngestFeedbackTrafficAsync();
        var suggested = await Store.ListFeedbackSuggestionsAsync(Workspace, 10, Token);

        var terraform = await Store.AddFeedbackAsync(Workspace, new FeedbackDraft(null, FeedbackKind.Feature, Area: "integrations", FromMessageId: "q1",
            Organizations: ["Initech"]), Dev, Token);
        await Store.AddFeedbackVoterAsync(Workspace, terraform.Id, Identity.Parse("user:cy"), raised: false, messageId: null, Dev, Token);
        await Store.AddFeedbackAsync(Workspace, new FeedbackDraft("CLI crashes on paths with spaces", FeedbackKind.Bug, Area: "cli",
            RaisedBy: [Identity.Parse("user:bob")]), Dev, Token);
        await Store.AddFeedbackAsync(Workspace, new FeedbackDraft("The free tier is too small to evaluate", FeedbackKind.Friction, Area: "pricing",
            Organizations: ["Acme"]), Dev, Token);
        var ranked = await Store.ListFeedbackAsync(Workspace, new FeedbackQuery(), Token);
        var left = await Store.ListFeedbackSuggestionsAsync(Workspace, 10, Token);

        Assert.Equal([("q2", FeedbackKind.Bug, "crashes"), ("q1", FeedbackKind.Feature, "please add")],
            suggested.Select(suggestion => (suggestion.MessageId, suggestion.Kind, suggestion.Reason)));
        Assert.Equal(["q2"], left.Select(suggestion => suggestion.MessageId));
        // Terraform: Ada at Scale 4 + Cy at Evaluate 1.5 + Initech 2; the crash: Bob at Learn 2; the free tier: Acme 2.
        Assert.Equal([("Please add a Terraform provider", 7.5, 2), ("CLI crashes on paths with spaces", 2, 1), ("The free tier is too small to evaluate", 2, 0)],
            ranked.Select(item => (item.Title, item.Score, item.Developers)));
        var first = ranked[0];
        Assert.Equal(("Question Asked", "q1", FeedbackStatus.New), (first.Source, first.SourceMessageId, first.Status));
        Assert.Equal([("user:ada", "Ada Lovelace", true, "q1"), ("user:cy", (string?)null, false, (string?)null)],
            first.Voters.Select(voter => (voter.Identity, voter.Name, voter.Raised, voter.MessageId)));
        Assert.Equal([("integrations", 7.5, 2), ("cli", 2, 1), ("pricing", 2, 0)],
            FeedbackRanking.Group(ranked).Select(group => (group.Area!, group.Score, group.Developers)));
        Assert.Equal(["CLI crashes on paths with spaces"],
            (await Store.ListFeedbackAsync(Workspace, new FeedbackQuery(Kind: FeedbackKind.Bug), Token)).Select(item => item.Title));
        var unknown = await Assert.ThrowsAsync<FormatException>(() => Store.AddFeedbackAsync(
            Workspace, new FeedbackDraft("x", FeedbackKind.Bug, RaisedBy: [Identity.Parse("user:nobody")]), Dev, Token));
        Assert.Equal("no developer has the identity user:nobody", unknown.Message);
        var again = await Assert.ThrowsAsync<FormatException>(() => Store.AddFeedbackAsync(
            Workspace, new FeedbackDraft(null, FeedbackKind.Feature, FromMessageId: "q1"), Dev, Token));
        Assert.Equal("the activity \"q1\" is already feedback", again.Message);
        Assert.Equal(3, (await Store.CountStoredRowsAsync(Workspace, Token))["feedback_items"]);
    }

    [Fact]
    public async Task Shipping_feedback_creates_one_outreach_task_per_developer_who_asked_once()
    {
        await IngestFeedbackTrafficAsync();
        var terraform = await Store.AddFeedbackAsync(Workspace, new FeedbackDraft(null, FeedbackKind.Feature, FromMessageId: "q1"), Dev, Token);
        await Store.AddFeedbackVoterAsync(Workspace, terraform.Id, Identity.Parse("user:cy"), raised: false, messageId: null, Dev, Token);
        Clock.Advance(TimeSpan.FromDays(30));

        var planned = await Store.UpdateFeedbackAsync(Workspace, terraform.Id, new FeedbackUpdate(FeedbackStatus.Planned, TrackerUrl: "https://jira.example.com/PROD-7"), Dev, Token);
        var shipped = await Store.UpdateFeedbackAsync(Workspace, terraform.Id, new FeedbackUpdate(FeedbackStatus.Shipped), Dev, Token);
        var shippedAgain = await Store.UpdateFeedbackAsync(Workspace, terraform.Id, new FeedbackUpdate(FeedbackStatus.Shipped), Dev, Token);

        Assert.Equal(0, planned!.OutreachTasksCreated);
        Assert.Equal("https://jira.example.com/PROD-7", planned.Item.TrackerUrl);
        Assert.Equal(2, shipped!.OutreachTasksCreated);
        Assert.Equal(Clock.GetUtcNow().UtcDateTime, shipped.Item.ShippedAt);
        Assert.Equal(0, shippedAgain!.OutreachTasksCreated);
        var tasks = (await Store.ListOutreachTasksAsync(Workspace, new OutreachQuery { Reason = OutreachReason.FeedbackShipped }, Token)).Tasks;
        Assert.Equal([("Ada Lovelace", Core.Journey.JourneyStage.Scale), ((string?)null, Core.Journey.JourneyStage.Evaluate)],
            tasks.Select(task => (task.Name, task.Stage!.Value)));
        Assert.Equal(
            "Hey Ada, you asked for \"Please add a Terraform provider\" — it shipped! Thank you for telling us. Would you like a hand trying it?",
            tasks[0].Message);
        Assert.Null(await Store.UpdateFeedbackAsync(Workspace, 99, new FeedbackUpdate(FeedbackStatus.Shipped), Dev, Token));
    }
}
