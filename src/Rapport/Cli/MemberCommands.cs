using System.CommandLine;
using Rapport.Core.Community;
using Rapport.Core.Identities;
using Rapport.Core.Journey;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary>
/// <c>rapport members show IDENTITY</c>: one developer, found by any of their identities, with their level and why; and
/// merging developers by hand.
/// </summary>
internal static class MemberCommands
{
    public static Command Create(CommandRunner runner)
    {
        var identity = new Argument<string>("IDENTITY") { Description = "kind:value, e.g. email:ada@example.com, github:octocat, user:42" };
        var json = GlobalOptions.Json("the developer");
        var show = new Command("show", "Show a developer: identities, traits, journey stage and activity") { identity, json };
        runner.Attach(show, async (scope, cancellationToken) =>
        {
            var text = scope.Get(identity)!;
            if (!Identity.TryParse(text, out var parsed, out var reason))
            {
                throw new CliException(reason);
            }

            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var member = await scope.Store.FindMemberAsync(workspace, parsed, cancellationToken)
                ?? throw new CliException($"no developer with identity {parsed} in workspace '{workspace.Slug}'");
            var level = await scope.Store.GetMemberLevelAsync(workspace, member.Id, cancellationToken);
            if (scope.Get(json))
            {
                JsonOutput.Write(Web.MemberDocument.Create(member, level));
                return 0;
            }

            var grid = new Grid().AddColumn().AddColumn();
            grid.AddRow("[bold]Developer[/]", Markup.Escape(member.Name ?? parsed.ToString()));
            grid.AddRow("Identities", Markup.Escape(string.Join(", ", member.Identities)));
            grid.AddRow("Stage", member.Stage is { } stage ? JourneyStages.Name(stage) : "(none yet)");
            foreach (var (reached, at) in member.StagesReached)
            {
                grid.AddRow($"  {JourneyStages.Name(reached)}", $"{at:yyyy-MM-dd HH:mm}");
            }

            if (level is not null)
            {
                grid.AddRow("Level", $"{CommunityLevels.Name(level.Level)} (score {level.Score:0.0} as of {level.AsOf:yyyy-MM-dd})"
                    + (level.Nomination is { } nomination
                        ? Markup.Escape($"; {(nomination.Hero ? "named a hero" : "hero title removed")} by {nomination.By}: {nomination.Reason}")
                        : ""));
                foreach (var contribution in level.TopContributions)
                {
                    grid.AddRow($"  {Markup.Escape(contribution.Type)}",
                        $"{contribution.Points:0.0} points ({contribution.Activities:N0} × weight {contribution.Weight:0.##}, decayed)");
                }

                if (level.StalledSince is { } stalled)
                {
                    grid.AddRow("Stalled", $"since {stalled:yyyy-MM-dd} at {(level.StalledStage is { } at ? JourneyStages.Name(at) : "")}");
                }
            }

            grid.AddRow("Activities", $"{member.ActivityCount:N0}");
            grid.AddRow("First activity", member.FirstActivity is { } first ? $"{first:yyyy-MM-dd HH:mm}" : "");
            grid.AddRow("Last activity", member.LastActivity is { } last ? $"{last:yyyy-MM-dd HH:mm}" : "");
            foreach (var (key, value) in member.Traits)
            {
                grid.AddRow($"  {Markup.Escape(key)}", Markup.Escape(value.ToString()));
            }

            AnsiConsole.Write(grid);
            return 0;
        });

        var members = new Command("members", "Developers") { show };
        foreach (var command in MergeCommands.Create(runner).Concat(PrivacyCommands.Create(runner)))
        {
            members.Subcommands.Add(command);
        }

        return members;
    }
}
