using System.CommandLine;
using Rapport.Configuration;
using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Cli;

/// <summary>
/// What a running command works with: its parsed arguments, the checked settings, the store (opened on first use)
/// and the clock.
/// </summary>
/// <param name="dbLocation">A store other than the one the settings name (the demo keeps its own file).</param>
internal sealed class CommandScope(
    ParseResult parseResult, TimeProvider clock, IConfigurationRoot configuration, RapportSettings settings, string? dbLocation = null)
    : IAsyncDisposable
{
    private IRapportStore? _store;

    public ParseResult ParseResult { get; } = parseResult;

    public TimeProvider Clock { get; } = clock;

    /// <summary>The configuration from every source, for features that bind their own options from it.</summary>
    public IConfigurationRoot Configuration { get; } = configuration;

    public RapportSettings Settings { get; } = settings;

    public string DbLocation => dbLocation ?? Settings.Store.Db;

    public string WorkspaceSlug => Settings.Workspace;

    public IRapportStore Store => _store ??= RapportStore.Open(DbLocation, Clock, Settings.Store.DuckDbMemoryLimit);

    public T? Get<T>(Option<T> option) => ParseResult.GetValue(option);

    public T? Get<T>(Argument<T> argument) => ParseResult.GetValue(argument);

    /// <summary>Who runs the command, as the audit log names a command-line user: <c>cli:</c> and the operating system's user name.</summary>
    public static string Actor => "cli:" + Environment.UserName;

    /// <summary>Records a successful administrative command in the workspace's audit log (see <see cref="CommandRunner.AttachAudited"/>).</summary>
    public async Task AuditAsync(string action, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        for (var result = ParseResult.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Command.Name);
        }

        names[0] = "rapport";
        var workspace = await WorkspaceForWritingAsync(cancellationToken).ConfigureAwait(false);
        await Store.AddAuditEntryAsync(workspace, Actor, action, string.Join(' ', names), null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The same settings on another store (the demo's own file).</summary>
    public CommandScope WithStore(string location) => new(ParseResult, Clock, Configuration, Settings, location);

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
