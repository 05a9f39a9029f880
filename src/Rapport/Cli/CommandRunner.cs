using System.CommandLine;
using Rapport.Configuration;
using Rapport.Connectors.Segment;
using Rapport.Core.Journey;
using Rapport.Storage;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary>
/// Opens the store and workspace a command names, runs it, and turns the errors a user can cause into one clear
/// line on standard error and a non-zero exit code.
/// </summary>
internal sealed class CommandRunner(TimeProvider clock)
{
    public const int Failed = 1;

    public TimeProvider Clock { get; } = clock;

    public void Attach(Command command, Func<CommandScope, CancellationToken, Task<int>> action) =>
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, action, cancellationToken));

    /// <summary>
    /// Attaches an administrative command: when it succeeds, the audit log records it as the API records the same
    /// operation (<paramref name="action"/> is the API's operation id), by <c>cli:</c> and the system user, with the
    /// command's name as target — never its arguments, which may hold secrets.
    /// </summary>
    public void AttachAudited(Command command, string action, Func<CommandScope, CancellationToken, Task<int>> run) =>
        Attach(command, async (scope, cancellationToken) =>
        {
            var exit = await run(scope, cancellationToken).ConfigureAwait(false);
            if (exit == 0)
            {
                await scope.AuditAsync(action, cancellationToken).ConfigureAwait(false);
            }

            return exit;
        });

    public static IAnsiConsole Error { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    private async Task<int> RunAsync(ParseResult parseResult, Func<CommandScope, CancellationToken, Task<int>> action, CancellationToken cancellationToken)
    {
        try
        {
            var configuration = RapportConfiguration.Build(parseResult.GetValue(GlobalOptions.Config), GlobalOptions.Settings(parseResult));
            await using var scope = new CommandScope(parseResult, Clock, configuration, RapportConfiguration.Read(configuration));
            return await action(scope, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Describe(e) is { } message)
        {
            await Console.Error.WriteLineAsync(message).ConfigureAwait(false);
            return Failed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("rapport: cancelled; nothing of the unfinished work was stored").ConfigureAwait(false);
            return 130;
        }
    }

    private static string? Describe(Exception e) => e switch
    {
        ImportLineException line => line.Message,
        CliException or StoreOpenException or WorkspaceNotEmptyException or IdentityNotFoundException or MergeRefusedException
            or MergeRecordNotFoundException => $"rapport: {e.Message}",
        ConfigurationException => $"rapport: configuration: {e.Message}",
        JourneyMapException => $"rapport: invalid journey map: {e.Message}",
        Core.Community.CommunityConfigException => $"rapport: invalid community configuration: {e.Message}",
        MemberNotFoundException => $"rapport: {e.Message}",
        FormatException or ArgumentException => $"rapport: {e.Message}",
        FileNotFoundException notFound => $"rapport: no such file: {notFound.FileName}",
        DirectoryNotFoundException or UnauthorizedAccessException => $"rapport: {e.Message}",
        System.Data.Common.DbException store =>
            $"rapport: the store failed, and nothing of the unfinished work was stored: {store.Message.Split('\n', 2)[0].Trim()}",
        _ => null,
    };
}
