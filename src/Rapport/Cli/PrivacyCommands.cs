using System.CommandLine;
using Rapport.Core.Identities;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary>
/// <c>rapport members export IDENTITY</c> and <c>rapport members erase IDENTITY</c>: a developer's data as JSON, and
/// removing it for good (docs/security.md#privacy).
/// </summary>
internal static class PrivacyCommands
{
    public static IEnumerable<Command> Create(CommandRunner runner)
    {
        var identity = new Argument<string>("IDENTITY") { Description = "any of the developer's identities, kind:value, e.g. email:ada@example.com" };
        var json = GlobalOptions.Json("the export (it is always JSON)");
        var export = new Command("export", "Print everything stored about one developer, table by table, as JSON") { identity, json };
        runner.Attach(export, async (scope, cancellationToken) =>
        {
            var parsed = Parse(scope.Get(identity)!);
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var document = await scope.Store.ExportMemberAsync(workspace, parsed, cancellationToken)
                ?? throw new CliException($"no developer with identity {parsed} in workspace '{workspace.Slug}'");
            Console.Out.WriteLine(document.ToJsonString(Core.RapportJson.Indented));
            return 0;
        });

        var eraseIdentity = new Argument<string>("IDENTITY") { Description = "any of the developer's identities, kind:value" };
        var yes = new Option<bool>("--yes") { Description = "Erase without asking (required when not at a terminal)" };
        var by = new Option<string>("--by") { Description = "Who erases, for the audit log (default cli:USER)", DefaultValueFactory = _ => CommandScope.Actor };
        var eraseJson = GlobalOptions.Json("what was erased");
        var erase = new Command("erase", "Delete a developer and everything derived from them; late events for their identities are dropped")
        {
            eraseIdentity, yes, by, eraseJson,
        };
        runner.Attach(erase, async (scope, cancellationToken) =>
        {
            var parsed = Parse(scope.Get(eraseIdentity)!);
            var workspace = await scope.WorkspaceForWritingAsync(cancellationToken);
            if (!scope.Get(yes))
            {
                if (Console.IsInputRedirected || !AnsiConsole.Confirm($"Erase the developer with {Markup.Escape(parsed.ToString())} and everything about them? This cannot be undone.", defaultValue: false))
                {
                    throw new CliException("not erased: confirm with --yes");
                }
            }

            var erasure = await scope.Store.EraseMemberAsync(workspace, parsed, scope.Get(by)!, cancellationToken)
                ?? throw new CliException($"no developer with identity {parsed} in workspace '{workspace.Slug}'");
            if (scope.Get(eraseJson))
            {
                JsonOutput.Write(erasure);
                return 0;
            }

            AnsiConsole.MarkupLine($"Erased developer #{erasure.MemberId}: {erasure.RowsDeleted.Values.Sum():N0} rows deleted, {erasure.IdentitiesSuppressed} identities suppressed.");
            return 0;
        });

        return [export, erase];
    }

    private static Identity Parse(string text) =>
        Identity.TryParse(text, out var parsed, out var reason) ? parsed : throw new CliException(reason);
}
