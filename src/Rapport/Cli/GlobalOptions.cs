using System.CommandLine;
using Rapport.Configuration;
using Rapport.Storage;

namespace Rapport.Cli;

/// <summary>
/// Options every command takes: which store, which workspace, which configuration file. Without them, the
/// configuration decides (appsettings.json, <c>RAPPORT__…</c> variables; see docs/operations.md#configuration).
/// </summary>
internal static class GlobalOptions
{
    public static Option<string> Db { get; } = new("--db")
    {
        Description = $"The store: a DuckDB file path (default {RapportStore.DefaultPath}) or a PostgreSQL connection string or URI",
        Recursive = true,
    };

    public static Option<string> Workspace { get; } = new("--workspace")
    {
        Description = $"The workspace (one product or company; default {Core.Workspaces.Workspace.DefaultSlug})",
        Recursive = true,
    };

    public static Option<string> Config { get; } = new("--config")
    {
        Description = $"A configuration file (default {RapportConfiguration.DefaultFile} in the current folder, or ${RapportConfiguration.FileVariable})",
        Recursive = true,
    };

    public static Option<bool> Json(string what) => new("--json") { Description = $"Print {what} as JSON" };

    /// <summary>The options given on the command line, by the setting each overrides.</summary>
    public static IReadOnlyDictionary<string, string?> Settings(ParseResult parseResult) => new Dictionary<string, string?>
    {
        ["Store:Db"] = parseResult.GetResult(Db)?.GetValueOrDefault<string>(),
        ["Workspace"] = parseResult.GetResult(Workspace)?.GetValueOrDefault<string>(),
        ["Server:Urls"] = parseResult.GetResult(ServeCommand.Urls)?.GetValueOrDefault<string>(),
        ["Community:RefreshMinutes"] = parseResult.GetResult(ServeCommand.CommunityRefresh)?.GetValueOrDefault<int?>()?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
