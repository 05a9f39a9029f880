using System.CommandLine;
using System.Diagnostics;
using System.Net.Http.Headers;
using Rapport.Storage;
using Rapport.Storage.DuckDb;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary>
/// <c>rapport backup FILE</c> and <c>rapport restore FILE</c>: a consistent copy of a DuckDB store, taken directly or
/// through the <c>rapport serve</c> that holds the file, and put back in place of a stopped store.
/// </summary>
internal static class BackupCommands
{
    public const string KeyVariable = "RAPPORT_API_KEY";

    public static IEnumerable<Command> Create(CommandRunner runner)
    {
        yield return BackupCommand(runner);
        yield return RestoreCommand(runner);
    }

    private static Command BackupCommand(CommandRunner runner)
    {
        var file = new Argument<string>("FILE") { Description = "Where to write the backup (a DuckDB file)" };
        var server = new Option<string>("--server")
        {
            Description = "Take the backup through this running rapport serve (it holds the DuckDB file), e.g. http://127.0.0.1:5000",
        };
        var key = new Option<string>("--key") { Description = $"An API key with the admin scope, for --server (default ${KeyVariable})" };
        var force = new Option<bool>("--force") { Description = "Replace FILE if it exists" };
        var backup = new Command("backup", "Write a consistent copy of the store to FILE, also while rapport serve runs on it (--server)")
        {
            file, server, key, force,
        };
        runner.Attach(backup, async (scope, cancellationToken) =>
        {
            var path = Path.GetFullPath(scope.Get(file)!);
            if (File.Exists(path) && !scope.Get(force))
            {
                throw new CliException($"{scope.Get(file)} exists; pass --force to replace it");
            }

            var partial = path + ".partial";
            var watch = Stopwatch.StartNew();
            try
            {
                await using (var output = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true))
                {
                    if (scope.Get(server) is { Length: > 0 } url)
                    {
                        await DownloadAsync(url, scope.Get(key) ?? Environment.GetEnvironmentVariable(KeyVariable), output, cancellationToken);
                    }
                    else
                    {
                        await WriteDirectlyAsync(scope, output, cancellationToken);
                    }

                    await output.FlushAsync(cancellationToken);
                    output.Flush(flushToDisk: true);
                }

                // A download cut short would still be a file: only one that opens as a store counts as a backup.
                var status = await VerifyAsync(partial, scope.Clock, cancellationToken);
                File.Move(partial, path, overwrite: true);
                AnsiConsole.MarkupLine(
                    $"Backed up to [bold]{Markup.Escape(scope.Get(file)!)}[/]: {new FileInfo(path).Length / 1048576.0:N1} MiB, schema version {status.SchemaVersion}, in {watch.Elapsed.TotalSeconds:N1} s.");
                return 0;
            }
            finally
            {
                File.Delete(partial);
            }
        });
        return backup;
    }

    private static Command RestoreCommand(CommandRunner runner)
    {
        var file = new Argument<string>("FILE") { Description = "A backup written by rapport backup" };
        var force = new Option<bool>("--force") { Description = "Replace the store if it exists (it is kept beside it as *.before-restore-TIME)" };
        var restore = new Command("restore", "Put a backup in place of the store (--db); stop rapport serve first") { file, force };
        runner.AttachAudited(restore, "RestoreBackup", async (scope, cancellationToken) =>
        {
            if (RapportStore.IsPostgres(scope.DbLocation))
            {
                throw new CliException("restore a PostgreSQL store with pg_restore; see docs/operations.md#backups");
            }

            var source = Path.GetFullPath(scope.Get(file)!);
            if (!File.Exists(source))
            {
                throw new CliException($"no such backup: {scope.Get(file)}");
            }

            var target = Path.GetFullPath(scope.DbLocation);
            if (File.Exists(target) && !scope.Get(force))
            {
                throw new CliException($"{scope.DbLocation} exists; pass --force to replace it with the backup (the current file is kept beside it)");
            }

            if (File.Exists(target))
            {
                // Opening the store takes DuckDB's lock: a server still running on it must be stopped first.
                await using (DuckDbStore.Open(target, scope.Clock))
                {
                }
            }

            // The backup is copied beside the store and opened there (an older backup is migrated to this schema)
            // before it takes the store's place, so a failed restore leaves the store as it was.
            var incoming = target + ".restoring";
            File.Copy(source, incoming, overwrite: true);
            try
            {
                var status = await VerifyAsync(incoming, scope.Clock, cancellationToken);
                string? kept = null;
                if (File.Exists(target))
                {
                    kept = $"{target}.before-restore-{scope.Clock.GetUtcNow().UtcDateTime:yyyyMMdd-HHmmss}";
                    File.Move(target, kept);
                    if (File.Exists(target + ".wal"))
                    {
                        File.Move(target + ".wal", kept + ".wal");
                    }
                }

                File.Move(incoming, target);
                AnsiConsole.MarkupLine($"Restored [bold]{Markup.Escape(scope.DbLocation)}[/] from {Markup.Escape(scope.Get(file)!)} (schema version {status.SchemaVersion}).");
                if (kept is not null)
                {
                    AnsiConsole.MarkupLine($"The store it replaced is kept as {Markup.Escape(kept)}.");
                }

                return 0;
            }
            finally
            {
                File.Delete(incoming);
                File.Delete(incoming + ".wal");
            }
        });
        return restore;
    }

    private static async Task WriteDirectlyAsync(CommandScope scope, Stream output, CancellationToken cancellationToken)
    {
        IRapportStore store;
        try
        {
            store = scope.Store;
        }
        catch (StoreOpenException e) when (e.Message.Contains("in use", StringComparison.Ordinal))
        {
            throw new CliException(
                $"{scope.DbLocation} is in use by another process; take the backup through the server that holds it: rapport backup FILE --server http://127.0.0.1:5000 (with an admin key in ${KeyVariable})");
        }

        try
        {
            await store.BackupAsync(output, cancellationToken);
        }
        catch (NotSupportedException e)
        {
            throw new CliException(e.Message);
        }
    }

    private static async Task DownloadAsync(string server, string? key, Stream output, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new CliException($"--server needs an API key with the admin scope: pass --key or set ${KeyVariable} (rapport keys create --scope admin)");
        }

        if (!Uri.TryCreate(server, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            throw new CliException($"--server must be an http:// or https:// address, not '{server}'");
        }

        using var http = new HttpClient { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/backup");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.Trim());
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var problem = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new CliException($"the server refused the backup ({(int)response.StatusCode}): {problem}");
        }

        await response.Content.CopyToAsync(output, cancellationToken);
    }

    private static async Task<StoreStatus> VerifyAsync(string path, TimeProvider clock, CancellationToken cancellationToken)
    {
        try
        {
            await using var store = DuckDbStore.Open(path, clock);
            return await store.GetStatusAsync(cancellationToken);
        }
        catch (Exception e) when (e is StoreOpenException or System.Data.Common.DbException)
        {
            throw new CliException($"the backup is not a readable Rapport store: {e.Message}");
        }
    }
}
