using System.CommandLine;
using System.Globalization;
using Rapport.Core.Pulse;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary><c>rapport community pulse</c>: the community's weekly health, and its lapses announced to webhooks with --check.</summary>
internal static class PulseCommand
{
    public static Command Create(CommandRunner runner)
    {
        var defaults = PulseRules.Default;
        var asOf = new Option<string?>("--as-of") { Description = "The pulse as of this date or time instead of now (2026-04-01)" };
        var weeks = new Option<int?>("--weeks") { Description = $"Weeks of the series (default {defaults.Weeks})" };
        var teamTag = new Option<string?>("--team-tag") { Description = $"The tag of the team's own members (default {defaults.TeamTag})" };
        var quietDays = new Option<int?>("--quiet-days") { Description = $"Days without the team's activity that make a lapse (default {defaults.QuietDays})" };
        var maxHours = new Option<double?>("--max-response-hours") { Description = $"Last week's median first response above this is a lapse (default {defaults.MaxMedianResponseHours})" };
        var check = new Option<bool>("--check") { Description = "Announce each new lapse to the webhooks that subscribe to community.pulse_lapsed (once per lapse)" };
        var json = GlobalOptions.Json("the pulse");
        var pulse = new Command("pulse", "Weekly new and active developers, heroes, questions, answer times and the team's engagement; lapses")
        {
            asOf, weeks, teamTag, quietDays, maxHours, check, json,
        };
        runner.Attach(pulse, async (scope, cancellationToken) =>
        {
            var rules = defaults with
            {
                Weeks = scope.Get(weeks) ?? defaults.Weeks,
                TeamTag = scope.Get(teamTag) ?? defaults.TeamTag,
                QuietDays = scope.Get(quietDays) ?? defaults.QuietDays,
                MaxMedianResponseHours = scope.Get(maxHours) ?? defaults.MaxMedianResponseHours,
            };
            var at = scope.Get(asOf) is { } text ? CliDates.Parse(text, "--as-of") : scope.Clock.GetUtcNow().UtcDateTime;
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var (result, announced) = scope.Get(check)
                ? await scope.Store.CheckCommunityPulseAsync(workspace, at, rules, cancellationToken)
                : (await scope.Store.GetCommunityPulseAsync(workspace, at, rules, cancellationToken), 0);
            if (scope.Get(json))
            {
                JsonOutput.Write(new { result.AsOf, result.Team, result.LastTeamActivityAt, result.Weeks, result.Lapses, Announced = announced });
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumn("Week");
            foreach (var heading in new[] { "New", "Active", "Heroes", "Questions", "≤ 48 h", "Median 1st answer", "Team" })
            {
                table.AddColumn(new TableColumn(heading).RightAligned());
            }

            foreach (var week in result.Weeks)
            {
                table.AddRow(
                    week.WeekStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), $"{week.NewMembers:N0}", $"{week.ActiveMembers:N0}", $"{week.HeroesActive:N0}",
                    $"{week.QuestionsAsked:N0}", week.AnsweredWithin48HoursShare is { } share ? share.ToString("P0", CultureInfo.InvariantCulture) : "",
                    week.MedianFirstResponseHours is { } hours ? $"{hours:0.#} h" : "", $"{week.TeamActivities:N0}");
            }

            AnsiConsole.Write(table);
            foreach (var lapse in result.Lapses)
            {
                AnsiConsole.MarkupLine($"[red]Lapse[/] ({lapse.Kind}): {Markup.Escape(lapse.Detail)}");
            }

            if (result.Team == 0)
            {
                AnsiConsole.MarkupLine($"No member is tagged {Markup.Escape(rules.TeamTag)}: tag the team's members on their developer page to follow its engagement.");
            }

            if (scope.Get(check))
            {
                AnsiConsole.MarkupLine($"{announced:N0} lapse events announced.");
            }

            return 0;
        });
        return pulse;
    }
}
