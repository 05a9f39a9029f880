using System.CommandLine;
using Rapport.Core.ApiKeys;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary><c>rapport keys create|list|revoke</c>: a workspace's API keys (write keys for the Segment API).</summary>
internal static class KeyCommands
{
    public static Command Create(CommandRunner runner) =>
        new("keys", "API keys: write keys for the Segment HTTP Tracking API on rapport serve")
        {
            CreateCommand(runner),
            ListCommand(runner),
            RevokeCommand(runner),
        };

    private static Command CreateCommand(CommandRunner runner)
    {
        var scopeOption = new Option<string>("--scope")
        {
            Description = "What the key may do: ingest (send events), read, or admin (everything)",
            Required = true,
        };
        scopeOption.AcceptOnlyFromAmong([.. ApiKeyScopes.Names]);
        var name = new Option<string?>("--name") { Description = "A name to tell the key apart, e.g. where it is used" };
        var create = new Command("create", "Create a key in the workspace (created if new); the key is printed once") { scopeOption, name };
        runner.AttachAudited(create, "CreateApiKey", async (scope, cancellationToken) =>
        {
            var keyScope = ApiKeyScopes.Parse(scope.Get(scopeOption)!);
            var workspace = await scope.WorkspaceForWritingAsync(cancellationToken);
            var created = await scope.Store.CreateApiKeyAsync(workspace, keyScope, scope.Get(name), cancellationToken);
            AnsiConsole.MarkupLine(
                $"Created the {ApiKeyScopes.Name(created.Key.Scope)} key [bold]{Markup.Escape(created.Key.Prefix)}[/] for workspace [bold]{Markup.Escape(workspace.Slug)}[/]:");
            await Console.Out.WriteLineAsync(created.Plaintext);
            AnsiConsole.MarkupLine("Copy it now: it cannot be shown again (Rapport keeps only a hash of it).");
            return 0;
        });
        return create;
    }

    private static Command ListCommand(CommandRunner runner)
    {
        var json = GlobalOptions.Json("the keys (never the keys themselves)");
        var list = new Command("list", "List the workspace's keys: prefix, scope, name, created, revoked") { json };
        runner.Attach(list, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var keys = await scope.Store.ListApiKeysAsync(workspace, cancellationToken);
            if (scope.Get(json))
            {
                JsonOutput.Write(keys.Select(key => new
                {
                    key.Id,
                    key.Prefix,
                    Scope = ApiKeyScopes.Name(key.Scope),
                    key.Name,
                    key.CreatedAt,
                    key.RevokedAt,
                }));
                return 0;
            }

            if (keys.Count == 0)
            {
                AnsiConsole.MarkupLine($"Workspace [bold]{Markup.Escape(workspace.Slug)}[/] has no keys; create one with rapport keys create --scope ingest.");
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn("Id").AddColumn("Prefix").AddColumn("Scope").AddColumn("Name").AddColumn("Created").AddColumn("Revoked");
            foreach (var key in keys)
            {
                table.AddRow(
                    $"{key.Id}", Markup.Escape(key.Prefix), ApiKeyScopes.Name(key.Scope), Markup.Escape(key.Name ?? ""),
                    $"{key.CreatedAt:yyyy-MM-dd HH:mm}", key.RevokedAt is { } revoked ? $"{revoked:yyyy-MM-dd HH:mm}" : "");
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return list;
    }

    private static Command RevokeCommand(CommandRunner runner)
    {
        var key = new Argument<string>("PREFIX_OR_ID") { Description = "The key's prefix (rpk_…, as keys list shows it) or id" };
        var revoke = new Command("revoke", "Revoke a key: requests with it are refused from now on") { key };
        runner.AttachAudited(revoke, "RevokeApiKey", async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var revoked = await scope.Store.RevokeApiKeyAsync(workspace, scope.Get(key)!, cancellationToken)
                ?? throw new CliException($"workspace '{workspace.Slug}' has no key '{scope.Get(key)}'; rapport keys list shows its keys");
            AnsiConsole.MarkupLine(
                $"Revoked the key [bold]{Markup.Escape(revoked.Prefix)}[/] at {revoked.RevokedAt:yyyy-MM-dd HH:mm} UTC.");
            return 0;
        });
        return revoke;
    }
}
