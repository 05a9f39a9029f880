using Rapport.Core.Community;
using Rapport.Core.Journey;
using Rapport.Core.Members;
using Rapport.Core.Outreach;
using Rapport.Core.Webhooks;

namespace Rapport.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    /// <summary>The suite's clock starts here: 2026-04-01 09:00 UTC.</summary>
    private static readonly DateTime CommunityNow = new(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc);

    private static int _communityMessages;

    private static string Track(string user, string type, DateTime at, string? properties = null, string? title = null)
    {
        var id = Interlocked.Increment(ref _communityMessages);
        var props = properties ?? (title is null ? "{}" : $$"""{"title":"{{title}}"}""");
        return $$"""{"type":"track","messageId":"c{{id}}","userId":"{{user}}","event":"{{type}}","properties":{{props}},"timestamp":"{{at:yyyy-MM-ddTHH:mm:ss.fffZ}}"}""";
    }

    private static string Identify(string user, string firstName) =>
        $$"""{"type":"identify","messageId":"i-{{user}}","userId":"{{user}}","traits":{"firstName":"{{firstName}}"},"timestamp":"2026-01-01T00:00:00Z"}""";

    private async Task<long> MemberIdAsync(string user) => (await FindExistingAsync($"user:{user}")).Id;

    [Fact]
    public async Task Scores_sum_weights_halved_every_90_days_and_levels_start_at_their_thresholds()
    {
        await IngestAsync(
            Track("ada", "Talk Given", CommunityNow), Track("ada", "Talk Given", CommunityNow),
            Track("bob", "Talk Given", CommunityNow.AddDays(-90)), Track("bob", "question.asked", CommunityNow),
            Track("cy", "Question Asked", CommunityNow), Track("cy", "Question Asked", CommunityNow), Track("cy", "Question Asked", CommunityNow.AddDays(-180)),
            Track("dan", "Talk Given", CommunityNow, """{"bot":true}"""), Track("dan", "Talk Given", CommunityNow, """{"bot":true}"""));

        var refresh = await Store.RefreshCommunityAsync(Workspace, CommunityNow, Token);

        Assert.Equal(3, refresh.Members);
        Assert.Empty(refresh.LevelChanges);
        var ada = await Store.GetMemberLevelAsync(Workspace, await MemberIdAsync("ada"), Token);
        var bob = await Store.GetMemberLevelAsync(Workspace, await MemberIdAsync("bob"), Token);
        var cy = await Store.GetMemberLevelAsync(Workspace, await MemberIdAsync("cy"), Token);
        Assert.Null(await Store.GetMemberLevelAsync(Workspace, await MemberIdAsync("dan"), Token));
        Assert.Equal((CommunityLevel.Hero, 60.0), (ada!.Level, Math.Round(ada.Score, 9)));
        Assert.Equal((CommunityLevel.Active, 18.0), (bob!.Level, Math.Round(bob.Score, 9)));
        Assert.Equal((CommunityLevel.Passive, 6.75), (cy!.Level, Math.Round(cy.Score, 9)));
        Assert.Equal(CommunityNow, ada.AsOf);
        Assert.Equal([("Talk Given", 30.0, 2L, 60.0)], ada.TopContributions.Select(c => (c.Type, c.Weight, c.Activities, Math.Round(c.Points, 9))));
        Assert.Equal(
            [("Talk Given", 30.0, 1L, 15.0), ("question.asked", 3.0, 1L, 3.0)],
            bob.TopContributions.Select(c => (c.Type, c.Weight, c.Activities, Math.Round(c.Points, 9))));

        // A day later the talks have decayed below the hero threshold: a member's level follows their own activity only.
        var later = await Store.RefreshCommunityAsync(Workspace, CommunityNow.AddDays(1), Token);
        Assert.Equal([new LevelChange(await MemberIdAsync("ada"), CommunityLevel.Hero, CommunityLevel.Active)], later.LevelChanges);
    }

    [Fact]
    public async Task The_level_report_counts_members_per_level_at_each_month_end_with_promotions_and_demotions()
    {
        await IngestAsync(
            Identify("bob", "Bob"),
            Track("ada", "Talk Given", new DateTime(2026, 2, 10, 0, 0, 0, DateTimeKind.Utc)),
            Track("ada", "Talk Given", new DateTime(2026, 2, 10, 0, 0, 0, DateTimeKind.Utc)),
            Track("ada", "Talk Given", new DateTime(2026, 2, 10, 0, 0, 0, DateTimeKind.Utc)),
            Track("bob", "page", new DateTime(2025, 11, 10, 0, 0, 0, DateTimeKind.Utc)),
            Track("bob", "Talk Given", new DateTime(2026, 3, 5, 0, 0, 0, DateTimeKind.Utc)),
            Track("cy", "Question Asked", new DateTime(2026, 1, 20, 0, 0, 0, DateTimeKind.Utc)),
            Track("cy", "Question Asked", new DateTime(2026, 1, 20, 0, 0, 0, DateTimeKind.Utc)),
            Track("cy", "Question Asked", new DateTime(2026, 1, 20, 0, 0, 0, DateTimeKind.Utc)),
            Track("cy", "Question Asked", new DateTime(2026, 1, 20, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(new LevelReport(null, new LevelCounts(0, 0, 0), []), await Store.GetLevelReportAsync(Workspace, 10, Token));

        await Store.RefreshCommunityAsync(Workspace, CommunityNow, Token);
        var report = await Store.GetLevelReportAsync(Workspace, 10, Token);

        Assert.Equal(CommunityNow, report.AsOf);
        Assert.Equal(new LevelCounts(1, 1, 1), report.Current);
        Assert.Equal(
            [
                ("2025-05", 0L, 0L, 0L, 0L, 0L), ("2025-06", 0, 0, 0, 0, 0), ("2025-07", 0, 0, 0, 0, 0), ("2025-08", 0, 0, 0, 0, 0),
                ("2025-09", 0, 0, 0, 0, 0), ("2025-10", 0, 0, 0, 0, 0), ("2025-11", 1, 0, 0, 0, 0), ("2025-12", 1, 0, 0, 0, 0),
                ("2026-01", 1, 1, 0, 0, 0), ("2026-02", 2, 0, 1, 0, 1), ("2026-03", 1, 1, 1, 1, 0), ("2026-04", 1, 1, 1, 0, 0),
            ],
            report.Months.Select(m => (m.Month, m.Passive, m.Active, m.Hero, m.Promotions, m.Demotions)));
        var cy = await MemberIdAsync("cy");
        var bob = await MemberIdAsync("bob");
        Assert.Equal([new LevelMove(cy, null, "user:cy", CommunityLevel.Active, CommunityLevel.Passive)], report.Months[9].Moved);
        Assert.Equal([new LevelMove(bob, "Bob", "user:bob", CommunityLevel.Passive, CommunityLevel.Active)], report.Months[10].Moved);
    }

    [Fact]
    public async Task Developers_are_listed_by_their_community_level_with_a_hero_named_by_hand_among_the_heroes()
    {
        await IngestAsync(
            Track("ada", "Talk Given", CommunityNow), Track("ada", "Talk Given", CommunityNow), Track("ada", "Talk Given", CommunityNow),
            Track("bob", "question.asked", CommunityNow), Track("cy", "question.asked", CommunityNow));
        await Store.RefreshCommunityAsync(Workspace, CommunityNow, Token);
        var ada = await MemberIdAsync("ada");
        var bob = await MemberIdAsync("bob");
        var cy = await MemberIdAsync("cy");
        await Store.NominateHeroAsync(Workspace, cy, hero: true, "lead@example.com", "Runs the Lisbon user group", Token);

        async Task<long[]> At(CommunityLevel level) =>
            [.. (await Store.ListMembersAsync(Workspace, new MemberQuery { Level = level }, Token)).Members.Select(member => member.Id).Order()];

        Assert.Equal(new[] { ada, cy }.Order(), await At(CommunityLevel.Hero));
        Assert.Equal([bob], await At(CommunityLevel.Passive));
        Assert.Empty(await At(CommunityLevel.Active));
    }

    [Fact]
    public async Task A_hero_named_by_hand_overrides_the_score_and_a_removed_hero_falls_back_to_active()
    {
        await IngestAsync(
            Track("ada", "Talk Given", CommunityNow), Track("ada", "Talk Given", CommunityNow), Track("ada", "Talk Given", CommunityNow),
            Track("bob", "question.asked", CommunityNow));
        await Store.RefreshCommunityAsync(Workspace, CommunityNow, Token);
        var ada = await MemberIdAsync("ada");
        var bob = await MemberIdAsync("bob");

        await Store.NominateHeroAsync(Workspace, bob, hero: true, "lead@example.com", "Runs the Lisbon user group", Token);
        await Store.NominateHeroAsync(Workspace, ada, hero: false, "lead@example.com", "Works for us now", Token);
        Assert.Equal(CommunityLevel.Hero, (await Store.GetMemberLevelAsync(Workspace, bob, Token))!.Level);

        Clock.Advance(TimeSpan.FromMinutes(1));
        var refresh = await Store.RefreshCommunityAsync(Workspace, Clock.GetUtcNow().UtcDateTime, Token);
        var bobLevel = await Store.GetMemberLevelAsync(Workspace, bob, Token);
        var adaLevel = await Store.GetMemberLevelAsync(Workspace, ada, Token);

        Assert.Empty(refresh.LevelChanges);
        Assert.Equal((CommunityLevel.Hero, CommunityLevel.Passive), (bobLevel!.Level, bobLevel.ScoreLevel));
        Assert.Equal(new HeroNomination(bob, true, "lead@example.com", "Runs the Lisbon user group", CommunityNow), bobLevel.Nomination);
        Assert.Equal((CommunityLevel.Active, CommunityLevel.Hero), (adaLevel!.Level, adaLevel.ScoreLevel));
        var (heroes, total) = await Store.ListCommunityMembersAsync(Workspace, CommunityList.Heroes, 0, 10, Token);
        Assert.Equal(1, total);
        Assert.Equal([(bob, true)], heroes.Select(h => (h.MemberId, h.Nominated)));
    }

    [Fact]
    public async Task Recognition_is_logged_with_its_date_newest_first()
    {
        await IngestAsync(Identify("ada", "Ada"), Track("ada", "Talk Given", CommunityNow), Track("bob", "page", CommunityNow));
        var ada = await MemberIdAsync("ada");
        var bob = await MemberIdAsync("bob");

        await Store.AddRecognitionAsync(Workspace, ada, "swag", "Hoodie and stickers", new DateOnly(2026, 3, 1), "lead@example.com", Token);
        await Store.AddRecognitionAsync(Workspace, ada, "sponsored-travel", null, new DateOnly(2026, 3, 20), "lead@example.com", Token);
        await Store.AddRecognitionAsync(Workspace, bob, "shout_out", "Great answer", new DateOnly(2026, 2, 1), "dev@example.com", Token);
        var wrong = await Assert.ThrowsAsync<FormatException>(() =>
            Store.AddRecognitionAsync(Workspace, ada, "money", null, new DateOnly(2026, 3, 1), "lead@example.com", Token));

        var (all, total) = await Store.ListRecognitionsAsync(Workspace, null, 0, 10, Token);
        var (adas, adaTotal) = await Store.ListRecognitionsAsync(Workspace, ada, 0, 1, Token);
        Assert.Equal(3, total);
        Assert.Equal(
            [("Ada", "sponsored_travel", (string?)null, new DateOnly(2026, 3, 20)), ("Ada", "swag", "Hoodie and stickers", new DateOnly(2026, 3, 1)),
             ("user:bob", "shout_out", "Great answer", new DateOnly(2026, 2, 1))],
            all.Select(r => (r.MemberName, r.Kind, r.Note, r.GivenOn)));
        Assert.Equal((2L, "sponsored_travel"), (adaTotal, adas.Single().Kind));
        Assert.StartsWith("'money' is not a kind of recognition", wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stalled_developers_are_found_at_the_exact_edges_of_the_rule()
    {
        var last = CommunityNow.AddDays(-14);
        await IngestAsync(
            // eve: three activities in the window, quiet for exactly 14 days: stalled at Evaluate.
            Track("eve", "Signed Up", last.AddDays(-8)), Track("eve", "Docs Viewed", last.AddDays(-6)), Track("eve", "Signed Up", last),
            // fay: one activity fewer than minActivities.
            Track("fay", "Signed Up", last.AddDays(-6)), Track("fay", "Signed Up", last),
            // gus: quiet for one second less than 14 days.
            Track("gus", "Signed Up", last.AddDays(-8)), Track("gus", "Signed Up", last.AddDays(-6)), Track("gus", "Signed Up", last.AddSeconds(1)),
            // hal: the first of three activities is exactly 30 days before the last, outside the window.
            Track("hal", "Signed Up", last.AddDays(-30)), Track("hal", "Signed Up", last.AddDays(-1)), Track("hal", "Signed Up", last),
            // ivy: at Scale.
            Track("ivy", "Plan Upgraded", last.AddDays(-8)), Track("ivy", "Plan Upgraded", last.AddDays(-6)), Track("ivy", "Plan Upgraded", last),
            // bots do not count: two human activities and one bot's.
            Track("jo", "Signed Up", last.AddDays(-8)), Track("jo", "Signed Up", last.AddDays(-6)), Track("jo", "Signed Up", last, """{"bot":true}"""));

        var refresh = await Store.RefreshCommunityAsync(Workspace, CommunityNow, Token);

        var eve = await MemberIdAsync("eve");
        Assert.Equal([new StalledMember(eve, JourneyStage.Evaluate, CommunityNow)], refresh.BecameStalled);
        Assert.Equal([new CreatedOutreachTask(1, eve, OutreachReason.Stalled)], refresh.TasksCreated);
        var level = await Store.GetMemberLevelAsync(Workspace, eve, Token);
        Assert.Equal((CommunityNow, JourneyStage.Evaluate), (level!.StalledSince, level.StalledStage));

        // Still stalled at the next refresh: not newly stalled, and no second task.
        var again = await Store.RefreshCommunityAsync(Workspace, CommunityNow, Token);
        Assert.Empty(again.BecameStalled);
        Assert.Empty(again.TasksCreated);
    }

    [Fact]
    public async Task A_refresh_announces_stalled_developers_and_new_tasks_to_the_webhooks_that_ask_for_them_once()
    {
        var last = CommunityNow.AddDays(-14);
        await IngestAsync(Track("eve", "Signed Up", last.AddDays(-8)), Track("eve", "Docs Viewed", last.AddDays(-6)), Track("eve", "Signed Up", last));
        var stalled = await Store.AddWebhookSubscriptionAsync(
            Workspace, "https://hooks.example.com/stalled", [WebhookEventNames.MemberStalled], WebhookFormat.Json, Token);
        var everything = await Store.AddWebhookSubscriptionAsync(Workspace, "https://hooks.example.com/all", ["*"], WebhookFormat.Slack, Token);

        await Store.RefreshCommunityAsync(Workspace, CommunityNow, Token);
        // The same refresh again (a retry) announces nothing twice.
        await Store.RefreshCommunityAsync(Workspace, CommunityNow, Token);

        var deliveries = (await Store.ListWebhookDeliveriesAsync(Workspace, null, 100, Token))
            .Select(delivery => (delivery.SubscriptionId, delivery.Event)).Order().ToList();
        Assert.Equal(
            [
                (stalled.Subscription.Id, WebhookEventNames.MemberStalled),
                (everything.Subscription.Id, WebhookEventNames.MemberStalled),
                (everything.Subscription.Id, WebhookEventNames.OutreachCreated),
            ],
            deliveries);
    }

    [Fact]
    public async Task A_refresh_writes_no_webhook_event_when_no_one_subscribed()
    {
        var last = CommunityNow.AddDays(-14);
        await IngestAsync(Track("eve", "Signed Up", last.AddDays(-8)), Track("eve", "Docs Viewed", last.AddDays(-6)), Track("eve", "Signed Up", last));
        await Store.AddWebhookSubscriptionAsync(Workspace, "https://hooks.example.com/leads", [WebhookEventNames.DrqlCreated], WebhookFormat.Json, Token);

        var refresh = await Store.RefreshCommunityAsync(Workspace, CommunityNow, Token);

        Assert.Single(refresh.BecameStalled);
        Assert.Empty(await Store.ListWebhookDeliveriesAsync(Workspace, null, 100, Token));
    }

    [Fact]
    public async Task Outreach_generation_is_idempotent_within_an_episode_and_a_new_episode_makes_a_new_task()
    {
        var last = CommunityNow.AddDays(-14);
        await IngestAsync(
            Identify("eve", "Eve"),
            Track("eve", "Tutorial Started", last.AddDays(-8)), Track("eve", "Tutorial Started", last.AddDays(-6)), Track("eve", "Tutorial Started", last));
        var eve = await MemberIdAsync("eve");

        var first = await Store.RefreshCommunityAsync(Workspace, CommunityNow, Token);
        Assert.Equal([new CreatedOutreachTask(1, eve, OutreachReason.Stalled)], first.TasksCreated);
        var task = await Store.GetOutreachTaskAsync(Workspace, 1, Token);
        Assert.Equal(
            "Hey Eve, I saw you were using our product and then stopped at the getting-started guide — are you stuck on something I can help with?",
            task!.Message);
        Assert.Equal((OutreachStatus.Open, JourneyStage.Learn, last), (task.Status, task.Stage, task.Evidence.EpisodeAt));
        Assert.Equal(["user:eve"], task.Identities);
        Assert.Equal(["Tutorial Started", "Tutorial Started", "Tutorial Started"], task.Evidence.RecentActivities.Select(a => a.Type));

        Assert.Empty((await Store.RefreshCommunityAsync(Workspace, CommunityNow.AddDays(1), Token)).TasksCreated);
        await Store.UpdateOutreachTaskAsync(Workspace, 1, new OutreachTaskUpdate(OutreachStatus.Dismissed), "dev@example.com", Token);
        Assert.Empty((await Store.RefreshCommunityAsync(Workspace, CommunityNow.AddDays(2), Token)).TasksCreated);

        // Eve comes back, then goes quiet again: a new episode.
        await IngestAsync(
            Track("eve", "Tutorial Completed", CommunityNow.AddDays(3)), Track("eve", "Tutorial Completed", CommunityNow.AddDays(4)),
            Track("eve", "Tutorial Completed", CommunityNow.AddDays(5)));
        var back = await Store.RefreshCommunityAsync(Workspace, CommunityNow.AddDays(6), Token);
        Assert.Empty(back.TasksCreated);
        Assert.Null((await Store.GetMemberLevelAsync(Workspace, eve, Token))!.StalledSince);

        var stalledAgain = await Store.RefreshCommunityAsync(Workspace, CommunityNow.AddDays(19), Token);
        Assert.Equal([new StalledMember(eve, JourneyStage.Learn, CommunityNow.AddDays(19))], stalledAgain.BecameStalled);
        Assert.Equal([new CreatedOutreachTask(2, eve, OutreachReason.Stalled)], stalledAgain.TasksCreated);
        var queue = await Store.ListOutreachTasksAsync(Workspace, new OutreachQuery(), Token);
        Assert.Equal([(1L, OutreachStatus.Dismissed, last), (2L, OutreachStatus.Open, CommunityNow.AddDays(5))],
            queue.Tasks.Select(t => (t.Id, t.Status, t.Evidence.EpisodeAt)));
    }

    [Fact]
    public async Task Unanswered_questions_quiet_heroes_and_hero_candidates_become_tasks()
    {
        var quiet = CommunityNow.AddDays(-61);
        await IngestAsync(
            Identify("ann", "Ann"),
            Track("ann", "question.asked", CommunityNow.AddHours(-72), """{"answered":false,"title":"How do I page results?"}"""),
            Track("ned", "question.asked", CommunityNow.AddHours(-72), """{"answered":true,"title":"Solved"}"""),
            Track("new", "question.asked", CommunityNow.AddHours(-47), """{"title":"Too soon"}"""),
            Track("old", "question.asked", CommunityNow.AddDays(-15), """{"title":"Long ago"}"""),
            Track("hal", "Talk Given", quiet), Track("hal", "Talk Given", quiet), Track("hal", "Talk Given", quiet), Track("hal", "Talk Given", quiet),
            Track("cat", "Blog Post Published", CommunityNow.AddDays(-31)), Track("cat", "Sample Published", CommunityNow.AddDays(-31)));

        var refresh = await Store.RefreshCommunityAsync(Workspace, CommunityNow, Token);

        var (ann, hal, cat) = (await MemberIdAsync("ann"), await MemberIdAsync("hal"), await MemberIdAsync("cat"));
        Assert.Equal(
            [new CreatedOutreachTask(1, ann, OutreachReason.UnansweredQuestion), new CreatedOutreachTask(2, hal, OutreachReason.HeroQuiet),
             new CreatedOutreachTask(3, cat, OutreachReason.HeroCandidate)],
            refresh.TasksCreated);
        var question = await Store.GetOutreachTaskAsync(Workspace, 1, Token);
        Assert.Equal("Hey Ann, I saw that your question \"How do I page results?\" has no answer yet — sorry about that! Can I help you with it?", question!.Message);
        Assert.Equal("How do I page results?", question.Evidence.Question);
        var (candidates, total) = await Store.ListCommunityMembersAsync(Workspace, CommunityList.Candidates, 0, 10, Token);
        Assert.Equal((1L, cat, 2L, CommunityNow), (total, candidates[0].MemberId, candidates[0].RecentAdvocacy, candidates[0].CandidateSince));

        var byReason = await Store.ListOutreachTasksAsync(Workspace, new OutreachQuery { Reason = OutreachReason.HeroQuiet }, Token);
        Assert.Equal([2L], byReason.Tasks.Select(t => t.Id));
    }

    [Fact]
    public async Task Tasks_are_snoozed_assigned_noted_and_open_again_when_the_snooze_ends()
    {
        var last = CommunityNow.AddDays(-14);
        await IngestAsync(Track("eve", "Signed Up", last.AddDays(-2)), Track("eve", "Signed Up", last.AddDays(-1)), Track("eve", "Signed Up", last));
        await Store.RefreshCommunityAsync(Workspace, CommunityNow, Token);

        var snoozed = await Store.UpdateOutreachTaskAsync(
            Workspace, 1, new OutreachTaskUpdate(OutreachStatus.Snoozed, CommunityNow.AddDays(3), "ada@example.com", "Wrote on Discord"), "lead@example.com", Token);
        Assert.Equal((OutreachStatus.Snoozed, CommunityNow.AddDays(3), "ada@example.com"), (snoozed!.Status, snoozed.SnoozedUntil, snoozed.Assignee));
        Assert.Equal([new OutreachNote("lead@example.com", "Wrote on Discord", CommunityNow)], snoozed.Notes);
        Assert.Equal(1, (await Store.ListOutreachTasksAsync(Workspace, new OutreachQuery { Status = OutreachStatus.Snoozed }, Token)).Total);
        Assert.Equal(0, (await Store.ListOutreachTasksAsync(Workspace, new OutreachQuery { Status = OutreachStatus.Open }, Token)).Total);

        Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal([(1L, OutreachStatus.Open)],
            (await Store.ListOutreachTasksAsync(Workspace, new OutreachQuery { Status = OutreachStatus.Open, Assignee = "ada@example.com" }, Token))
            .Tasks.Select(t => (t.Id, t.Status)));

        var done = await Store.UpdateOutreachTaskAsync(Workspace, 1, new OutreachTaskUpdate(OutreachStatus.Done, Assignee: ""), "ada@example.com", Token);
        Assert.Equal((OutreachStatus.Done, (string?)null, 1), (done!.Status, done.Assignee, done.Notes.Count));
        Assert.Null(await Store.UpdateOutreachTaskAsync(Workspace, 99, new OutreachTaskUpdate(OutreachStatus.Done), "ada@example.com", Token));
        var past = Assert.Throws<FormatException>(() => new OutreachTaskUpdate(OutreachStatus.Snoozed, CommunityNow).Validate(CommunityNow));
        Assert.Equal("snoozing a task needs a date in the future to snooze it until", past.Message);
    }

    [Fact]
    public async Task A_new_configuration_changes_levels_at_the_next_refresh()
    {
        await IngestAsync(Track("bob", "question.asked", CommunityNow), Track("bob", "question.asked", CommunityNow));
        await Store.RefreshCommunityAsync(Workspace, CommunityNow, Token);
        var bob = await MemberIdAsync("bob");
        Assert.Equal(CommunityLevel.Passive, (await Store.GetMemberLevelAsync(Workspace, bob, Token))!.Level);

        await Store.SetCommunityConfigAsync(Workspace, CommunityConfig.Parse("""{"levels": {"active": 5, "hero": 50}}"""), Token);
        var refresh = await Store.RefreshCommunityAsync(Workspace, CommunityNow, Token);

        Assert.Equal(5, (await Store.GetCommunityConfigAsync(Workspace, Token)).Levels.ActiveThreshold);
        Assert.Equal([new LevelChange(bob, CommunityLevel.Passive, CommunityLevel.Active)], refresh.LevelChanges);
    }
}
