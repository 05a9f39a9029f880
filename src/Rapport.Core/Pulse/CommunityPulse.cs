namespace Rapport.Core.Pulse;

/// <summary>
/// "A community is a Tamagotchi that dies without small, regular feeding": the weekly series of new and active
/// developers, heroes, questions and how fast they were answered, and the team's own engagement, with the lapses
/// that should wake someone up (docs/community.md#health-pulse).
/// </summary>
/// <param name="Team">How many members carry the team tag; without any, the team cannot lapse.</param>
public sealed record CommunityPulse(DateTime AsOf, int Team, DateTime? LastTeamActivityAt, IReadOnlyList<PulseWeek> Weeks, IReadOnlyList<PulseLapse> Lapses)
{
    private const double AnsweredWithinSeconds = 48 * 3600;

    /// <summary>The Monday (UTC) of the week <paramref name="time"/> falls in.</summary>
    public static DateOnly WeekOf(DateTime time)
    {
        var day = DateOnly.FromDateTime(time);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    /// <summary>The first instant of the series: the Monday <see cref="PulseRules.Weeks"/> − 1 weeks before the "as of" week's.</summary>
    public static DateTime Start(DateTime asOf, PulseRules rules) =>
        WeekOf(asOf).AddDays(-7 * (rules.Weeks - 1)).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    public static CommunityPulse Compute(DateTime asOf, PulseRules rules, PulseInputs inputs)
    {
        rules.Validate();
        var first = WeekOf(Start(asOf, rules));
        var weeks = Enumerable.Range(0, rules.Weeks).Select(i => first.AddDays(7 * i)).ToList();
        var community = inputs.MemberWeeks.Where(row => !inputs.Team.Contains(row.MemberId)).ToList();
        var series = weeks.Select(week =>
        {
            var active = community.Where(row => row.WeekStart == week).Select(row => row.MemberId).Distinct().ToList();
            var asked = inputs.Questions.Where(question => WeekOf(question.AskedAt) == week && question.AskedAt <= asOf && !inputs.Team.Contains(question.MemberId)).ToList();
            var firstAnswers = asked.Where(question => question.SecondsToFirstAnswer is not null).Select(question => question.SecondsToFirstAnswer!.Value / 3600).ToList();
            return new PulseWeek(
                week,
                inputs.FirstActivities.Count(pair => !inputs.Team.Contains(pair.Key) && pair.Value <= asOf && WeekOf(pair.Value) == week),
                active.Count,
                active.Count(inputs.Heroes.Contains),
                asked.Count,
                asked.Count == 0 ? null : Round((double)asked.Count(question => question.SecondsToFirstAnswer <= AnsweredWithinSeconds) / asked.Count, 3),
                firstAnswers.Count == 0 ? null : Round(Median(firstAnswers), 1),
                inputs.MemberWeeks.Where(row => row.WeekStart == week && inputs.Team.Contains(row.MemberId)).Sum(row => row.Activities));
        }).ToList();

        var lapses = new List<PulseLapse>();
        if (inputs.Team.Count > 0)
        {
            var last = inputs.LastTeamActivityAt;
            if (last is null)
            {
                lapses.Add(new PulseLapse("team_quiet", DateTime.UnixEpoch, "the team has never been active"));
            }
            else if ((asOf - last.Value).TotalDays >= rules.QuietDays)
            {
                lapses.Add(new PulseLapse("team_quiet", last.Value,
                    $"the team has not engaged for {(int)Math.Floor((asOf - last.Value).TotalDays)} days (since {last.Value:yyyy-MM-dd HH:mm} UTC)"));
            }
        }

        // Last week is the latest whole week: this week's questions may not have had their 48 hours yet.
        if (series.Count >= 2 && series[^2] is { MedianFirstResponseHours: { } median } lastWeek && median > rules.MaxMedianResponseHours)
        {
            lapses.Add(new PulseLapse("slow_response", lastWeek.WeekStart.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                $"the median first response in the week of {lastWeek.WeekStart:yyyy-MM-dd} took {median:0.#} hours (threshold {rules.MaxMedianResponseHours:0.#})"));
        }

        return new CommunityPulse(asOf, inputs.Team.Count, inputs.LastTeamActivityAt, series, lapses);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
