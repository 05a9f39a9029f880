using Rapport.Core.Pulse;
using Rapport.Core.Webhooks;

namespace Rapport.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task The_pulse_counts_weeks_by_hand_and_announces_each_lapse_once()
    {
        // Weeks of Monday 2 March, 9 March and 16 March 2026; "now" is Wednesday 18 March, 12:00.
        var asOf = Utc(3, 18, 12);
        await IngestAsync(
            """{"type":"track","messageId":"t1","userId":"tess","event":"Docs Viewed","timestamp":"2026-03-03T10:00:00Z"}""",
            """{"type":"track","messageId":"t2","userId":"tess","event":"Docs Viewed","timestamp":"2026-03-04T10:00:00Z"}""",
            """{"type":"track","messageId":"a0","userId":"ada","event":"Signed Up","timestamp":"2026-02-20T10:00:00Z"}""",
            """{"type":"track","messageId":"q1","userId":"ada","event":"Question Asked","timestamp":"2026-03-03T10:00:00Z","properties":{"title":"A","answered":true,"secondsToFirstAnswer":3600}}""",
            """{"type":"track","messageId":"a1","userId":"ada","event":"Docs Viewed","timestamp":"2026-03-10T10:00:00Z"}""",
            """{"type":"track","messageId":"q2","userId":"bob","event":"Question Asked","timestamp":"2026-03-09T10:00:00Z","properties":{"title":"B","answered":true,"secondsToFirstAnswer":259200}}""",
            """{"type":"track","messageId":"q3","userId":"bob","event":"Question Asked","timestamp":"2026-03-10T11:00:00Z","properties":{"title":"C","answered":true,"secondsToFirstAnswer":180000}}""",
            """{"type":"track","messageId":"q4","userId":"cy","event":"Question Asked","timestamp":"2026-03-17T10:00:00Z","properties":{"title":"D","answered":false}}""",
            """{"type":"track","messageId":"late","userId":"dee","event":"Signed Up","timestamp":"2026-03-19T10:00:00Z"}""");
        await Store.SetMemberTagAsync(Workspace, (await FindExistingAsync("user:tess")).Id, "Team", tagged: true, Token);
        await Store.NominateHeroAsync(Workspace, (await FindExistingAsync("user:ada")).Id, hero: true, Dev, "Answers everyone", Token);
        await Store.RefreshCommunityAsync(Workspace, Clock.GetUtcNow().UtcDateTime, Token);
        var rules = PulseRules.Default with { Weeks = 3 };

        var pulse = await Store.GetCommunityPulseAsync(Workspace, asOf, rules, Token);

        Assert.Equal(
            [
                // Ada active and a hero, her question answered in 1 h; Tess is the team: 2 activities, in no community count.
                new PulseWeek(new DateOnly(2026, 3, 2), NewMembers: 0, ActiveMembers: 1, HeroesActive: 1, QuestionsAsked: 1, 1.0, 1.0, TeamActivities: 2),
                // Bob is new; his questions took 72 h and 50 h: none within 48 h, median 61 h.
                new PulseWeek(new DateOnly(2026, 3, 9), NewMembers: 1, ActiveMembers: 2, HeroesActive: 1, QuestionsAsked: 2, 0.0, 61.0, TeamActivities: 0),
                // Cy is new and unanswered; Dee comes after "now".
                new PulseWeek(new DateOnly(2026, 3, 16), NewMembers: 1, ActiveMembers: 1, HeroesActive: 0, QuestionsAsked: 1, 0.0, null, TeamActivities: 0),
            ],
            pulse.Weeks);
        Assert.Equal((1, Utc(3, 4, 10)), (pulse.Team, pulse.LastTeamActivityAt!.Value));
        Assert.Equal(
            [
                new PulseLapse("team_quiet", Utc(3, 4, 10), "the team has not engaged for 14 days (since 2026-03-04 10:00 UTC)"),
                new PulseLapse("slow_response", Utc(3, 9), "the median first response in the week of 2026-03-09 took 61 hours (threshold 48)"),
            ],
            pulse.Lapses);

        var unheard = await Store.CheckCommunityPulseAsync(Workspace, asOf, rules, Token);
        await Store.AddWebhookSubscriptionAsync(Workspace, "https://hooks.example.com/pulse", [WebhookEventNames.CommunityPulseLapsed], WebhookFormat.Json, Token);
        var first = await Store.CheckCommunityPulseAsync(Workspace, asOf, rules, Token);
        var again = await Store.CheckCommunityPulseAsync(Workspace, asOf.AddHours(6), rules, Token);
        var patient = await Store.GetCommunityPulseAsync(Workspace, asOf, rules with { QuietDays = 15, MaxMedianResponseHours = 61 }, Token);

        Assert.Equal((0, 2, 0), (unheard.Announced, first.Announced, again.Announced));
        Assert.Empty(patient.Lapses);
    }
}
