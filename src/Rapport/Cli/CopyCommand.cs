using System.CommandLine;
using Rapport.Storage;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary>
/// <c>rapport copy --from A --to B</c>: moves a workspace between stores (DuckDB and PostgreSQL, either way) keeping
/// every id, then compares the row counts of every table in both.
/// </summary>
internal static class CopyCommand
{
    public static Command Create(CommandRunner runner)
    {
        var from = new Option<string>("--from") { Description = "The store to copy from: any --db value", Required = true };
        var to = new Option<string>("--to") { Description = "The store to copy into: any --db value; its workspace must be empty", Required = true };
        var copy = new Command("copy", "Copy a workspace into another store (DuckDB or PostgreSQL), verified by counts") { from, to };
        runner.Attach(copy, async (scope, cancellationToken) =>
        {
            var fromLocation = scope.Get(from)!.Trim();
            var toLocation = scope.Get(to)!.Trim();
            if (SameStore(fromLocation, toLocation))
            {
                throw new CliException("--from and --to name the same store; copy into another one");
            }

            if (!RapportStore.IsPostgres(fromLocation) && !File.Exists(fromLocation))
            {
                // Opening a DuckDB store creates the file: a mistyped --from would leave an empty one behind.
                throw new CliException($"there is no DuckDB file {fromLocation} to copy from");
            }

            await using var source = RapportStore.Open(fromLocation, scope.Clock);
            await using var target = RapportStore.Open(toLocation, scope.Clock);
            var slug = scope.WorkspaceSlug;
            var sourceWorkspace = await source.FindWorkspaceAsync(slug, cancellationToken)
                ?? throw new CliException($"there is no workspace '{slug}' in {source.Description}");
            var total = (await source.CountStoredRowsAsync(sourceWorkspace, cancellationToken)).Values.Sum();
            var targetWorkspace = await target.GetOrCreateWorkspaceAsync(slug, cancellationToken);

            // The source column counts the rows read from the source's snapshot, which is what the target must hold
            // even when a server goes on ingesting into the source meanwhile.
            var sourceCounts = new Dictionary<string, long>(StringComparer.Ordinal);
            await WithProgressAsync(total, $"Copying {Markup.Escape(slug)}", progress =>
                target.ImportAsync(targetWorkspace, Counted(source.ExportAsync(sourceWorkspace, cancellationToken), sourceCounts), progress, cancellationToken));

            var copied = await target.FindWorkspaceAsync(slug, cancellationToken) ?? targetWorkspace;
            var targetCounts = await target.CountStoredRowsAsync(copied, cancellationToken);
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn("Table")
                .AddColumn(new TableColumn("Source").RightAligned())
                .AddColumn(new TableColumn("Target").RightAligned())
                .AddColumn("");
            var differing = new List<string>();
            foreach (var name in StoredTables.Names)
            {
                var inSource = sourceCounts.GetValueOrDefault(name);
                var inTarget = targetCounts.GetValueOrDefault(name);
                if (inSource != inTarget)
                {
                    differing.Add(name);
                }

                table.AddRow(name, $"{inSource:N0}", $"{inTarget:N0}", inSource == inTarget ? "[green]ok[/]" : "[red]differs[/]");
            }

            AnsiConsole.MarkupLine($"Source: {Markup.Escape(source.Description)}, workspace '{Markup.Escape(slug)}'");
            AnsiConsole.MarkupLine($"Target: {Markup.Escape(target.Description)}, workspace '{Markup.Escape(slug)}'");
            AnsiConsole.Write(table);
            if (differing.Count > 0)
            {
                throw new CliException(
                    $"the copy of '{slug}' in {target.Description} does not hold what {source.Description} does: {string.Join(", ", differing)} differ");
            }

            AnsiConsole.MarkupLine($"Copied [bold]{sourceCounts.Values.Sum():N0}[/] rows of '{Markup.Escape(slug)}' into {Markup.Escape(target.Description)}.");
            return 0;
        });
        return copy;
    }

    private static async IAsyncEnumerable<StoredTableChunk> Counted(IAsyncEnumerable<StoredTableChunk> chunks, Dictionary<string, long> counts)
    {
        await foreach (var chunk in chunks.ConfigureAwait(false))
        {
            counts[chunk.Table] = counts.GetValueOrDefault(chunk.Table) + chunk.Rows.Count;
            yield return chunk;
        }
    }

    private static bool SameStore(string from, string to) =>
        RapportStore.IsPostgres(from) || RapportStore.IsPostgres(to)
            ? string.Equals(from, to, StringComparison.Ordinal)
            : string.Equals(Path.GetFullPath(from), Path.GetFullPath(to), StringComparison.Ordinal);

    /// <summary>A progress bar on a terminal; nothing on a pipe, so output stays clean for scripts.</summary>
    private static async Task WithProgressAsync(long total, string description, Func<IProgress<long>?, Task> copy)
    {
        if (Console.IsErrorRedirected)
        {
            await copy(null);
            return;
        }

        await CommandRunner.Error.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(description, maxValue: Math.Max(1, total));
                await copy(new ProgressBar(task));
                task.Value = task.MaxValue;
            });
    }

    /// <summary>Moves the bar as rows are written, on the writer's thread: <see cref="Progress{T}"/> could post reports out of order.</summary>
    private sealed class ProgressBar(ProgressTask task) : IProgress<long>
    {
        public void Report(long value) => task.Value = value;
    }
}
