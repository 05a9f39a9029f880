using System.CommandLine;
using Rapport.Web;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary><c>rapport serve</c>: the HTTP API (and later the dashboard) over a store.</summary>
internal static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5000";

    public static Option<string> Urls { get; } = new("--urls")
    {
        Description = $"Where to listen (default {DefaultUrls}); several separated by ';'",
        DefaultValueFactory = _ => DefaultUrls,
    };

    public const string CommunityRefreshVariable = "RAPPORT_COMMUNITY_REFRESH_MINUTES";

    public static Option<int> CommunityRefresh { get; } = new("--community-refresh")
    {
        Description = $"Refresh community levels and the outreach queue every this many minutes (default {Web.Community.CommunityRefreshService.DefaultMinutes}, " +
                      $"or ${CommunityRefreshVariable}; 0 turns it off)",
        DefaultValueFactory = _ => int.TryParse(Environment.GetEnvironmentVariable(CommunityRefreshVariable), out var minutes)
            ? minutes
            : Web.Community.CommunityRefreshService.DefaultMinutes,
    };

    public static Command Create(CommandRunner runner)
    {
        var serve = new Command("serve", "Serve the HTTP API and the dashboard") { Urls, CommunityRefresh };
        runner.Attach(serve, async (scope, cancellationToken) =>
        {
            await RunAsync(scope, scope.Get(Urls)!, cancellationToken);
            return 0;
        });
        return serve;
    }

    public static async Task RunAsync(CommandScope scope, string urls, CancellationToken cancellationToken)
    {
        var minutes = scope.Get(CommunityRefresh);
        if (minutes < 0)
        {
            throw new CliException($"--community-refresh must be 0 (off) or a number of minutes, not {minutes}");
        }

        TimeSpan? refresh = minutes == 0 ? null : TimeSpan.FromMinutes(minutes);
        await using var app = RapportWebHost.Build(scope.Store, scope.WorkspaceSlug, urls, scope.Clock, refresh);
        await app.StartAsync(cancellationToken);
        foreach (var address in app.Urls)
        {
            AnsiConsole.MarkupLine($"Rapport is serving [bold]{Markup.Escape(scope.Store.Description)}[/] at [link]{Markup.Escape(address)}[/]");
        }

        AnsiConsole.MarkupLine("Press Ctrl+C to stop.");
        await app.WaitForShutdownAsync(cancellationToken);
    }
}
