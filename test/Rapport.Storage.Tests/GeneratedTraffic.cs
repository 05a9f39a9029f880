using System.Globalization;
using Rapport.Core.Journey;

namespace Rapport.Storage.Tests;

/// <summary>
/// Deterministic Segment traffic from developers who arrive over two months and get as far as they get: anonymous
/// page views, a sign-up that identifies them, later activity under their user id, some who start with an API
/// call, some who only identify. Shuffled, so activity under a user id often arrives before the identify that
/// links it to the anonymous visitor.
/// </summary>
internal static class GeneratedTraffic
{
    private static readonly string[][] EventsByStage =
    [
        ["Post Viewed", "Video Watched"],
        ["Signed Up", "Docs Viewed", "docs.search"],
        ["Tutorial Started", "SDK Installed"],
        ["API Called", "Project Created", "api.request"],
        ["Plan Upgraded", "Team Member Invited"],
    ];

    private static readonly DateTime Start = new(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <param name="HighestStage">The furthest stage each developer reached; <c>null</c> for one who only identified.</param>
    public sealed record Traffic(List<string> Messages, List<JourneyStage?> HighestStage);

    public static Traffic Developers(int count, int seed)
    {
        var random = new Random(seed);
        var messages = new List<string>();
        var highest = new List<JourneyStage?>();
        for (var developer = 0; developer < count; developer++)
        {
            var anonymousId = $"anon-{developer}";
            var userId = $"{1000 + developer}";
            var at = Start.AddSeconds(random.Next(0, 60 * 86_400)).AddMilliseconds(random.Next(1000));
            var sequence = 0;
            string NextId() => $"dev{developer}-{sequence++}";

            var kind = random.Next(10);
            if (kind == 0)
            {
                messages.Add(Identify(NextId(), anonymousId, userId, at));
                highest.Add(null);
                continue;
            }

            if (kind <= 2)
            {
                messages.Add(Track(NextId(), anonymousId, null, "API Called", at));
                messages.Add(Page(NextId(), anonymousId, null, at.AddHours(random.Next(1, 100))));
                highest.Add(JourneyStage.Build);
                continue;
            }

            var reached = (JourneyStage)random.Next(JourneyStages.Count);
            highest.Add(reached);
            messages.Add(Page(NextId(), anonymousId, null, at));
            var identified = false;
            for (var stage = JourneyStage.Discover; stage <= reached; stage++)
            {
                at = at.AddSeconds(random.Next(0, 10 * 86_400)).AddMilliseconds(random.Next(1000));
                if (stage == JourneyStage.Evaluate)
                {
                    messages.Add(Identify(NextId(), anonymousId, userId, at.AddMilliseconds(-1)));
                    identified = true;
                }

                var events = EventsByStage[(int)stage];
                var type = events[random.Next(events.Length)];
                messages.Add(identified
                    ? Track(NextId(), null, userId, type, at)
                    : Track(NextId(), anonymousId, null, type, at));
                if (random.Next(3) == 0)
                {
                    // Activity that maps to no stage, and repeat visits: counted, but moving nobody.
                    messages.Add(identified
                        ? Track(NextId(), null, userId, "Logged In", at.AddMinutes(5))
                        : Page(NextId(), anonymousId, null, at.AddMinutes(5)));
                }
            }
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(messages));
        return new Traffic(messages, highest);
    }

    private static string Identify(string messageId, string anonymousId, string userId, DateTime at) =>
        $$"""{"type":"identify","messageId":"{{messageId}}","anonymousId":"{{anonymousId}}","userId":"{{userId}}","traits":{"email":"dev{{userId}}@example.com"},"timestamp":"{{Iso(at)}}"}""";

    private static string Track(string messageId, string? anonymousId, string? userId, string type, DateTime at) =>
        $$"""{"type":"track","messageId":"{{messageId}}",{{Who(anonymousId, userId)}},"event":"{{type}}","timestamp":"{{Iso(at)}}"}""";

    private static string Page(string messageId, string? anonymousId, string? userId, DateTime at) =>
        $$"""{"type":"page","messageId":"{{messageId}}",{{Who(anonymousId, userId)}},"timestamp":"{{Iso(at)}}"}""";

    private static string Who(string? anonymousId, string? userId) =>
        userId is null ? $"\"anonymousId\":\"{anonymousId}\"" : $"\"userId\":\"{userId}\"";

    private static string Iso(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
