using System.CommandLine;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary><c>rapport audit</c>: the workspace's administrative actions, newest first.</summary>
internal static class AuditCommand
{
    public static Command Create(CommandRunner runner)
    {
        var limit = new Option<int>("--limit") { Description = "How many entries, newest first", DefaultValueFactory = _ => 100 };
        var json = GlobalOptions.Json("the entries");
        var audit = new Command("audit", "Show the audit log: who changed users, keys, webhooks, settings and developers, and when") { limit, json };
        runner.Attach(audit, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var entries = await scope.Store.ListAuditEntriesAsync(workspace, scope.Get(limit), cancellationToken);
            if (scope.Get(json))
            {
                JsonOutput.Write(entries);
                return 0;
            }

            var table = new Table().AddColumns("When (UTC)", "Who", "What", "Target", "Detail");
            foreach (var entry in entries)
            {
                table.AddRow($"{entry.At:yyyy-MM-dd HH:mm:ss}", Markup.Escape(entry.Actor), Markup.Escape(entry.Action),
                    Markup.Escape(entry.Target ?? ""), Markup.Escape(entry.Detail ?? ""));
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return audit;
    }
}
