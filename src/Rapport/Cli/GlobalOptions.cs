using System.CommandLine;
using Rapport.Storage;

namespace Rapport.Cli;

/// <summary>Options every command takes: which store and which workspace.</summary>
internal static class GlobalOptions
{
    public const string DbVariable = "RAPPORT_DB";

    public static Option<string> Db { get; } = new("--db")
    {
        Description = $"The store: a DuckDB file path (default {RapportStore.DefaultPath}, or ${DbVariable})",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(DbVariable) is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : RapportStore.DefaultPath,
    };

    public static Option<string> Workspace { get; } = new("--workspace")
    {
        Description = "The workspace (one product or company)",
        Recursive = true,
        DefaultValueFactory = _ => Core.Workspaces.Workspace.DefaultSlug,
    };

    public static Option<bool> Json(string what) => new("--json") { Description = $"Print {what} as JSON" };
}
