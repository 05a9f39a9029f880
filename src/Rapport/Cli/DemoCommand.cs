using System.CommandLine;
using System.IO.Pipelines;
using Rapport.Connectors.Segment;
using Rapport.Core.Ingest;
using Rapport.Core.Users;
using Rapport.Demo;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary>
/// <c>rapport demo</c>: a realistic workspace to look at. Generates synthetic Segment traffic and imports it through
/// the same pipeline as <c>rapport import segment</c>, adds events with their attendees, feedback, docs pages and
/// questions through their own imports, then serves it.
/// </summary>
internal static class DemoCommand
{
    public const string DefaultPath = "rapport-demo.duckdb";

    /// <summary>The owner the demo signs in as.</summary>
    public const string DemoOwner = "demo@rapport.local";

    public static Command Create(CommandRunner runner)
    {
        var developers = new Option<int>("--developers")
        {
            Description = "How many developers to generate",
            DefaultValueFactory = _ => 20_000,
        };
        var noServe = new Option<bool>("--no-serve") { Description = "Create the demo store and exit" };
        var demo = new Command("demo", $"Create {DefaultPath} with a synthetic workspace (unless it exists) and serve it")
        {
            developers, noServe, ServeCommand.Urls, ServeCommand.CommunityRefresh,
        };
        runner.Attach(demo, async (scope, cancellationToken) =>
        {
            var count = scope.Get(developers);
            if (count <= 0)
            {
                throw new CliException("--developers must be a positive number");
            }

            // The demo keeps its own file unless --db names one, so it never mixes with real data.
            var explicitDb = scope.ParseResult.GetResult(GlobalOptions.Db) is { Implicit: false };
            await using var demoScope = explicitDb ? null : scope.WithStore(DefaultPath);
            var target = demoScope ?? scope;
            var existing = await target.Store.FindWorkspaceAsync(target.WorkspaceSlug, cancellationToken);
            if (existing is not null && (await target.Store.GetStatsAsync(existing, cancellationToken)).Activities > 0)
            {
                AnsiConsole.MarkupLine($"Using the existing demo data in [bold]{Markup.Escape(target.Store.Description)}[/].");
            }
            else
            {
                var summary = await GenerateAsync(target, count, cancellationToken);
                AnsiConsole.MarkupLine(
                    $"Created [bold]{summary.MembersCreated:N0}[/] developers and [bold]{summary.ActivitiesStored:N0}[/] activities in [bold]{Markup.Escape(target.Store.Description)}[/].");
            }

            // Levels and the outreach queue are derived: the community pages have something to show from the start.
            var workspace = await target.WorkspaceForReadingAsync(cancellationToken);
            await DemoRecords.AddAsync(target.Store, workspace, scope.Clock.GetUtcNow().UtcDateTime, cancellationToken);
            await DemoDocs.AddAsync(target.Store, workspace, scope.Clock.GetUtcNow().UtcDateTime, cancellationToken);
            await target.Store.RefreshCommunityAsync(workspace, scope.Clock.GetUtcNow().UtcDateTime, cancellationToken);

            // The dashboard needs someone signed in: the demo has its own owner and prints a link that signs them in,
            // once the server listens, so that the link works when it appears, and with the address it really has.
            var owner = await target.Store.FindUserAsync(DemoOwner, cancellationToken)
                ?? await target.Store.CreateUserAsync(DemoOwner, UserRole.Owner, null, cancellationToken);
            if (scope.Get(noServe))
            {
                await UserCommands.PrintSignInLinkAsync(target.Store, owner, scope.Settings.Server.Urls, cancellationToken);
            }
            else
            {
                await ServeCommand.RunAsync(target, cancellationToken, addresses =>
                    UserCommands.PrintSignInLinkAsync(target.Store, owner, addresses[0], cancellationToken));
            }

            return 0;
        });
        return demo;
    }

    private static async Task<IngestSummary> GenerateAsync(CommandScope scope, int developers, CancellationToken cancellationToken)
    {
        var workspace = await scope.WorkspaceForWritingAsync(cancellationToken);
        // The traffic ends at midnight and the demo's records are dated by the day, so a demo made on the same day
        // holds the same numbers whatever the hour.
        var end = scope.Clock.GetUtcNow().UtcDateTime.Date;
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 8 << 20, resumeWriterThreshold: 4 << 20));
        var import = new SegmentImport(scope.Store, scope.Clock);
        IngestSummary? summary = null;
        await CommandRunner.Error.Progress()
            .AutoRefresh(!Console.IsErrorRedirected)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"Generating {developers:N0} developers", maxValue: developers);
                var writing = Task.Run(async () =>
                {
                    await using var output = pipe.Writer.AsStream();
                    var person = 0L;
                    new DemoTraffic(developers, end).Write(new BufferedStream(output, 1 << 16), _ => task.Value = Math.Min(developers, person += 1000));
                }, cancellationToken);
                await using var input = pipe.Reader.AsStream();
                summary = await import.ImportAsync(workspace, input, "demo", skipInvalid: false, cancellationToken: cancellationToken);
                await writing;
                task.Value = developers;
            });
        return summary!;
    }
}
