using System.CommandLine;
using System.Globalization;
using Rapport.Core.Community;
using Rapport.Core.Identities;
using Rapport.Core.Workspaces;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary>
/// <c>rapport community set|show|heroes|candidates|hero add|hero remove|recognize|recognitions</c>: the level rules and
/// the hero program.
/// </summary>
internal static class CommunityCommands
{
    public static Command Create(CommandRunner runner)
    {
        var community = new Command("community", "Community levels and the hero program: rules, heroes, candidates, recognition")
        {
            Set(runner), Show(runner), List(runner, "heroes", CommunityList.Heroes, "Heroes, by score or by nomination, highest score first"),
            List(runner, "candidates", CommunityList.Candidates, "Active members whose recent advocacy makes them hero candidates"),
            Hero(runner), Recognize(runner), Recognitions(runner), PulseCommand.Create(runner),
        };
        return community;
    }

    /// <summary>Who did something by hand: <c>--by</c>, or the user running the command.</summary>
    public static Option<string> By() => new("--by")
    {
        Description = "Who does this (default: your user name)",
        DefaultValueFactory = _ => Environment.UserName,
    };

    public static async Task<(Workspace Workspace, long MemberId)> FindMemberAsync(CommandScope scope, string text, CancellationToken cancellationToken)
    {
        if (!Identity.TryParse(text, out var parsed, out var reason))
        {
            throw new CliException(reason);
        }

        var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
        var member = await scope.Store.FindMemberAsync(workspace, parsed, cancellationToken)
            ?? throw new CliException($"no developer with identity {parsed} in workspace '{workspace.Slug}'");
        return (workspace, member.Id);
    }

    private static Command Set(CommandRunner runner)
    {
        var file = new Argument<string>("FILE") { Description = "A community configuration JSON file (see docs/community.md)" };
        var set = new Command("set", "Replace the community rules and re-derive every level, stalled state and the outreach queue") { file };
        runner.AttachAudited(set, "SetCommunityConfig", async (scope, cancellationToken) =>
        {
            var path = scope.Get(file)!;
            CommunityConfig config;
            try
            {
                config = CommunityConfig.Parse(await File.ReadAllTextAsync(path, cancellationToken));
            }
            catch (CommunityConfigException e)
            {
                throw new CliException(e.Line is { } line ? $"{path}:{line}: {e.Message}" : $"{path}: {e.Message}");
            }

            var workspace = await scope.WorkspaceForWritingAsync(cancellationToken);
            await scope.Store.SetCommunityConfigAsync(workspace, config, cancellationToken);
            var refresh = await scope.Store.RefreshCommunityAsync(workspace, scope.Clock.GetUtcNow().UtcDateTime, cancellationToken);
            AnsiConsole.MarkupLine(
                $"Community rules set for [bold]{Markup.Escape(workspace.Slug)}[/]; {refresh.Members:N0} members re-derived, " +
                $"{refresh.LevelChanges.Count:N0} changed level, {refresh.TasksCreated.Count:N0} outreach tasks created.");
            return 0;
        });
        return set;
    }

    private static Command Show(CommandRunner runner)
    {
        var json = GlobalOptions.Json("the community rules");
        var show = new Command("show", "Show the community rules: weights, decay, thresholds, outreach rules and templates") { json };
        runner.Attach(show, async (scope, cancellationToken) =>
        {
            var workspace = await scope.Store.FindWorkspaceAsync(scope.WorkspaceSlug, cancellationToken);
            var config = workspace is null ? CommunityConfig.Default : await scope.Store.GetCommunityConfigAsync(workspace, cancellationToken);
            if (scope.Get(json))
            {
                Console.Out.WriteLine(config.ToJson());
                return 0;
            }

            var levels = config.Levels;
            AnsiConsole.MarkupLine(
                $"Active from [bold]{levels.ActiveThreshold:0.##}[/] points, hero from [bold]{levels.HeroThreshold:0.##}[/]; " +
                $"an activity counts half after [bold]{levels.HalfLifeDays:0.##}[/] days.");
            var table = new Table().Border(TableBorder.Rounded).AddColumn("Activity type").AddColumn(new TableColumn("Weight").RightAligned()).AddColumn("Advocacy");
            foreach (var weight in levels.Weights)
            {
                table.AddRow(Markup.Escape(weight.Pattern.Text), weight.Weight.ToString("0.###", CultureInfo.InvariantCulture), weight.Advocacy ? "yes" : "");
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"Stalled: at least [bold]{config.MinActivities}[/] activities in the {config.WindowDays} days before the last one.");
            foreach (var (reason, template) in config.Outreach.Templates)
            {
                AnsiConsole.MarkupLine($"[bold]{Core.Outreach.OutreachReasons.Name(reason)}[/]: {Markup.Escape(template.Text)}");
            }

            return 0;
        });
        return show;
    }

    private static Command List(CommandRunner runner, string name, CommunityList list, string description)
    {
        var json = GlobalOptions.Json("the list");
        var limit = new Option<int>("--limit") { Description = "At most this many (default 50)", DefaultValueFactory = _ => 50 };
        var command = new Command(name, description) { json, limit };
        runner.Attach(command, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var (members, total) = await scope.Store.ListCommunityMembersAsync(workspace, list, 0, scope.Get(limit), cancellationToken);
            if (scope.Get(json))
            {
                JsonOutput.Write(members);
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumn("Developer").AddColumn("Identity").AddColumn(new TableColumn("Score").RightAligned())
                .AddColumn(new TableColumn("Advocacy (90 d)").RightAligned()).AddColumn("Last active").AddColumn("");
            foreach (var member in members)
            {
                table.AddRow(Markup.Escape(member.Name ?? ""), Markup.Escape(member.Identity ?? ""), member.Score.ToString("0.0", CultureInfo.InvariantCulture),
                    member.RecentAdvocacy.ToString(CultureInfo.InvariantCulture), member.LastActivity?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                    member.Nominated ? "nominated" : "");
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"{total:N0} in all.");
            return 0;
        });
        return command;
    }

    private static Command Hero(CommandRunner runner)
    {
        Command Change(string name, bool hero, string description)
        {
            var identity = new Argument<string>("IDENTITY") { Description = "Any identity of the developer, kind:value" };
            var reason = new Option<string>("--reason") { Description = "Why (kept with the nomination)", Required = true };
            var by = By();
            var command = new Command(name, description) { identity, reason, by };
            runner.Attach(command, async (scope, cancellationToken) =>
            {
                var (workspace, memberId) = await FindMemberAsync(scope, scope.Get(identity)!, cancellationToken);
                await scope.Store.NominateHeroAsync(workspace, memberId, hero, scope.Get(by)!, scope.Get(reason)!, cancellationToken);
                AnsiConsole.MarkupLine(hero
                    ? $"{Markup.Escape(scope.Get(identity)!)} is a hero, whatever their score."
                    : $"{Markup.Escape(scope.Get(identity)!)} is no longer a hero; their score alone can make them active at most.");
                return 0;
            });
            return command;
        }

        return new Command("hero", "Name a hero by hand or take the title away (overrides the score)")
        {
            Change("add", hero: true, "Name a developer a hero"),
            Change("remove", hero: false, "Take the hero title away from a developer"),
        };
    }

    private static Command Recognize(CommandRunner runner)
    {
        var identity = new Argument<string>("IDENTITY") { Description = "Any identity of the developer, kind:value" };
        var kind = new Option<string>("--kind") { Description = $"What was given: {string.Join(", ", RecognitionKinds.All)}", Required = true };
        var date = new Option<string?>("--date") { Description = "When it was given (2026-04-01; default today)" };
        var note = new Option<string?>("--note") { Description = "What exactly, e.g. \"hoodie and stickers\"" };
        var by = By();
        var command = new Command("recognize", "Log recognition given to a developer: swag, a shout-out, sponsored travel, time with the product team")
        {
            identity, kind, date, note, by,
        };
        runner.Attach(command, async (scope, cancellationToken) =>
        {
            var (workspace, memberId) = await FindMemberAsync(scope, scope.Get(identity)!, cancellationToken);
            var givenOn = scope.Get(date) is { } text ? CliDates.ParseDate(text, "--date") : DateOnly.FromDateTime(scope.Clock.GetUtcNow().UtcDateTime);
            var recognition = await scope.Store.AddRecognitionAsync(workspace, memberId, scope.Get(kind)!, scope.Get(note), givenOn, scope.Get(by)!, cancellationToken);
            AnsiConsole.MarkupLine($"Logged {recognition.Kind} for {Markup.Escape(scope.Get(identity)!)} on {recognition.GivenOn:yyyy-MM-dd}.");
            return 0;
        });
        return command;
    }

    private static Command Recognitions(CommandRunner runner)
    {
        var json = GlobalOptions.Json("the recognition log");
        var identity = new Option<string?>("--member") { Description = "Only this developer's (kind:value)" };
        var command = new Command("recognitions", "The recognition log, newest first") { json, identity };
        runner.Attach(command, async (scope, cancellationToken) =>
        {
            long? memberId = null;
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            if (scope.Get(identity) is { } text)
            {
                (workspace, var id) = await FindMemberAsync(scope, text, cancellationToken);
                memberId = id;
            }

            var (recognitions, total) = await scope.Store.ListRecognitionsAsync(workspace, memberId, 0, 1000, cancellationToken);
            if (scope.Get(json))
            {
                JsonOutput.Write(recognitions);
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumn("Given on").AddColumn("Developer").AddColumn("Kind").AddColumn("Note").AddColumn("By");
            foreach (var recognition in recognitions)
            {
                table.AddRow(recognition.GivenOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Markup.Escape(recognition.MemberName ?? ""),
                    recognition.Kind, Markup.Escape(recognition.Note ?? ""), Markup.Escape(recognition.By));
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"{total:N0} in all.");
            return 0;
        });
        return command;
    }
}
