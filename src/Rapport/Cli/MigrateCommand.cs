using System.CommandLine;
using Rapport.Storage;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary>
/// <c>rapport migrate</c>: brings a store's schema up to date and does nothing else, for deployments that upgrade
/// the schema in a step of their own. Every command migrates on opening a store as well.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create(CommandRunner runner)
    {
        var migrate = new Command("migrate", "Bring the store's schema up to date (Rapport also does this whenever it opens a store)");
        runner.Attach(migrate, (scope, _) =>
        {
            var store = scope.Store;
            var (version, name) = RapportStore.LatestSchema;
            AnsiConsole.MarkupLine(
                $"[bold]{Markup.Escape(store.Description)}[/] is at schema version [bold]{version}[/] ({Markup.Escape(name)}), the latest this Rapport knows.");
            return Task.FromResult(0);
        });
        return migrate;
    }
}
