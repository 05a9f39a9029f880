using System.CommandLine;
using Rapport.Configuration;
using Rapport.Web;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary><c>rapport serve</c>: the HTTP API and the dashboard over a store.</summary>
internal static class ServeCommand
{
    public const string DefaultUrls = ServerSettings.DefaultUrls;

    public static Option<string> Urls { get; } = new("--urls")
    {
        Description = $"Where to listen (default {DefaultUrls}); several separated by ';'",
    };

    public static Option<int?> CommunityRefresh { get; } = new("--community-refresh")
    {
        Description = $"Refresh community levels and the outreach queue every this many minutes (default {CommunitySettings.DefaultRefreshMinutes}; 0 turns it off)",
    };

    public static Command Create(CommandRunner runner)
    {
        var serve = new Command("serve", "Serve the HTTP API and the dashboard") { Urls, CommunityRefresh };
        runner.Attach(serve, async (scope, cancellationToken) =>
        {
            await RunAsync(scope, cancellationToken);
            return 0;
        });
        return serve;
    }

    /// <param name="whenListening">Told the addresses once the server accepts requests, before it waits for Ctrl+C.</param>
    public static async Task RunAsync(
        CommandScope scope, CancellationToken cancellationToken, Func<IReadOnlyList<string>, Task>? whenListening = null)
    {
        var refresh = scope.Settings.Community.RefreshMinutes == 0 ? (TimeSpan?)null : TimeSpan.FromMinutes(scope.Settings.Community.RefreshMinutes);
        await using var app = RapportWebHost.Build(
            scope.Store, scope.WorkspaceSlug, scope.Settings.Server.Urls, scope.Clock, scope.Settings, scope.Configuration, refresh);
        await app.StartAsync(cancellationToken);
        foreach (var address in app.Urls)
        {
            AnsiConsole.MarkupLine($"Rapport is serving [bold]{Markup.Escape(scope.Store.Description)}[/] at [link]{Markup.Escape(address)}[/]");
        }

        if (whenListening is not null)
        {
            await whenListening([.. app.Urls]);
        }

        AnsiConsole.MarkupLine("Press Ctrl+C to stop.");
        await app.WaitForShutdownAsync(cancellationToken);
    }
}
