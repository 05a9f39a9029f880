using System.Globalization;
using System.Text;
using Rapport.Connectors.Events;
using Rapport.Core.Events;
using Rapport.Core.Feedback;
using Rapport.Core.Identities;
using Rapport.Core.Journey;
using Rapport.Core.Members;
using Rapport.Core.Reports;
using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Demo;

/// <summary>
/// What a DevRel team types in by hand, added to the demo's generated traffic so that the Events and Feedback pages
/// have something to show: three events with their costs, and product feedback raised by the demo's developers.
/// </summary>
internal static class DemoRecords
{
    private const string Author = "demo";

    public static async Task AddAsync(IRapportStore store, Workspace workspace, DateTime now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now);
        if ((await store.ListEventsAsync(workspace, cancellationToken)).Count == 0)
        {
            EventFields[] events =
            [
                new()
                {
                    Name = "DevRel Summit", Kind = EventKind.Conference, Format = EventFormat.InPerson, StartsOn = today.AddDays(-60),
                    EndsOn = today.AddDays(-58), Location = "Amsterdam", ReportedAudience = 900, EffortHours = 60,
                    Costs = [new(CostCategory.Sponsorship, 8000, "EUR"), new(CostCategory.Travel, 1500, "EUR")],
                },
                new()
                {
                    Name = "SDKs in CI, live", Kind = EventKind.Webinar, Format = EventFormat.Online, StartsOn = today.AddDays(-30),
                    ReportedAudience = 350, EffortHours = 6, Costs = [new(CostCategory.Other, 200, "USD")],
                },
                new()
                {
                    Name = "Go meetup Berlin", Kind = EventKind.Meetup, Format = EventFormat.Hybrid, StartsOn = today.AddDays(-14),
                    Location = "Berlin", ReportedAudience = 60, EffortHours = 8, Costs = [new(CostCategory.Travel, 300, "EUR")],
                },
            ];
            foreach (var fields in events)
            {
                await AddAttendeesAsync(store, workspace, await store.AddEventAsync(workspace, fields, cancellationToken), cancellationToken);
            }
        }

        if ((await store.ListFeedbackAsync(workspace, new FeedbackQuery(), cancellationToken)).Count == 0)
        {
            var builders = await IdentitiesAsync(store, workspace, JourneyStage.Build, cancellationToken);
            var learners = await IdentitiesAsync(store, workspace, JourneyStage.Learn, cancellationToken);
            if (builders.Length < 8 || learners.Length < 8)
            {
                return;
            }

            var retries = await AddAsync(store, workspace, new FeedbackDraft("Retry on HTTP 429 in the SDKs", FeedbackKind.Feature, Area: "sdk",
                Body: "Our jobs fail when the API rate-limits; every SDK should back off and retry.", RaisedBy: [builders[0]]), [.. builders[1..4], .. learners[..3]], cancellationToken);
            var windows = await AddAsync(store, workspace, new FeedbackDraft("The quickstart fails on Windows paths", FeedbackKind.Bug, Area: "cli",
                RaisedBy: [learners[3]]), learners[4..6], cancellationToken);
            var pagination = await AddAsync(store, workspace, new FeedbackDraft("Pagination is not documented for the events API", FeedbackKind.Docs, Area: "api",
                RaisedBy: [builders[4]]), [learners[6]], cancellationToken);
            await AddAsync(store, workspace, new FeedbackDraft("The free tier is too small to evaluate", FeedbackKind.Friction, Area: "pricing",
                RaisedBy: [learners[7]], Organizations: ["Acme", "Globex"]), [], cancellationToken);
            var signing = await AddAsync(store, workspace, new FeedbackDraft("Sign webhooks with Ed25519", FeedbackKind.Feature, Area: "webhooks",
                RaisedBy: [builders[5]]), [builders[6]], cancellationToken);
            await store.UpdateFeedbackAsync(workspace, windows.Id, new FeedbackUpdate(FeedbackStatus.Shared), Author, cancellationToken);
            await store.UpdateFeedbackAsync(workspace, pagination.Id, new FeedbackUpdate(FeedbackStatus.Planned), Author, cancellationToken);
            await store.UpdateFeedbackAsync(workspace, retries.Id, new FeedbackUpdate(FeedbackStatus.Shared), Author, cancellationToken);
            await store.UpdateFeedbackAsync(workspace, signing.Id, new FeedbackUpdate(FeedbackStatus.Shipped), Author, cancellationToken);
        }
    }

    /// <summary>
    /// The event's attendee list, imported as the organisers' export would be: developers who arrived in the three
    /// months before it (some of whom moved on afterwards), one in five registered but did not come. Importing it again
    /// stores nothing twice.
    /// </summary>
    private static async Task AddAttendeesAsync(IRapportStore store, Workspace workspace, DevRelEvent devRelEvent, CancellationToken cancellationToken)
    {
        var arrived = await store.ListMembersAsync(workspace,
            new MemberQuery { FirstActivity = new DateRange(devRelEvent.Start.AddDays(-90), devRelEvent.Start), Limit = MemberQuery.MaxLimit }, cancellationToken);
        // A bigger event draws more of them: every 2nd, 3rd or 6th, by the audience it reported.
        var every = devRelEvent.ReportedAudience switch { >= 500 => 2, >= 100 => 3, _ => 6 };
        var people = arrived.Members.Where(member => member.Email is not null).Where((_, i) => i % every == 0).ToList();
        if (people.Count == 0)
        {
            return;
        }

        var csv = new StringBuilder("email,name,company,checked_in\n");
        for (var i = 0; i < people.Count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{people[i].Email},\"{people[i].Name}\",\"{people[i].Organization}\",{(i % 5 == 4 ? "no" : "yes")}\n");
        }

        using var text = new StringReader(csv.ToString());
        await new AttendeeCsvImport(store).ImportAsync(workspace, new AttendeeCsvReader(text, devRelEvent), $"demo-event-{devRelEvent.Id}.csv",
            skipInvalid: false, onRejected: null, cancellationToken);
    }

    private static async Task<FeedbackItem> AddAsync(
        IRapportStore store, Workspace workspace, FeedbackDraft draft, IReadOnlyList<Identity> upvoters, CancellationToken cancellationToken)
    {
        var item = await store.AddFeedbackAsync(workspace, draft, Author, cancellationToken);
        foreach (var identity in upvoters)
        {
            await store.AddFeedbackVoterAsync(workspace, item.Id, identity, raised: false, messageId: null, Author, cancellationToken);
        }

        return item;
    }

    private static async Task<Identity[]> IdentitiesAsync(
        IRapportStore store, Workspace workspace, JourneyStage stage, CancellationToken cancellationToken)
    {
        var page = await store.ListMembersAsync(workspace, new MemberQuery { Stage = stage, Limit = 20 }, cancellationToken);
        return [.. page.Members.Select(member => member.BestIdentity).OfType<string>().Select(Identity.Parse)];
    }
}
