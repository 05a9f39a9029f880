using System.CommandLine;
using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Cli;

/// <summary>What a running command works with: its parsed arguments, the store (opened on first use) and the clock.</summary>
/// <param name="dbLocation">A store other than the one <c>--db</c> names (the demo keeps its own file).</param>
internal sealed class CommandScope(ParseResult parseResult, TimeProvider clock, string? dbLocation = null) : IAsyncDisposable
{
    private IRapportStore? _store;

    public ParseResult ParseResult { get; } = parseResult;

    public TimeProvider Clock { get; } = clock;

    public string DbLocation => dbLocation ?? ParseResult.GetValue(GlobalOptions.Db)!;

    public string WorkspaceSlug => ParseResult.GetValue(GlobalOptions.Workspace)!;

    public IRapportStore Store => _store ??= RapportStore.Open(DbLocation, Clock);

    public T? Get<T>(Option<T> option) => ParseResult.GetValue(option);

    public T? Get<T>(Argument<T> argument) => ParseResult.GetValue(argument);

    /// <summary>The workspace, created on first use when a command writes to it.</summary>
    public Task<Workspace> WorkspaceForWritingAsync(CancellationToken cancellationToken) =>
        Store.GetOrCreateWorkspaceAsync(WorkspaceSlug, cancellationToken);

    /// <summary>The workspace for a command that only reads; an unknown name is an error, not an empty report.</summary>
    public async Task<Workspace> WorkspaceForReadingAsync(CancellationToken cancellationToken) =>
        await Store.FindWorkspaceAsync(WorkspaceSlug, cancellationToken).ConfigureAwait(false)
        ?? throw new CliException($"there is no workspace '{WorkspaceSlug}' in {Store.Description}; import data into it first");

    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync().ConfigureAwait(false);
        }
    }
}
