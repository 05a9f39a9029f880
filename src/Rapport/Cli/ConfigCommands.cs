using System.CommandLine;
using Rapport.Configuration;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary><c>rapport config show</c>: the settings in force and where each came from, secrets masked.</summary>
internal static class ConfigCommands
{
    public static Command Create(CommandRunner runner)
    {
        var json = GlobalOptions.Json("the settings");
        var show = new Command("show", "Print the effective configuration, with the source of each setting and secrets masked") { json };
        runner.Attach(show, (scope, _) =>
        {
            var settings = Effective(scope.Configuration, scope.Settings);
            if (scope.Get(json))
            {
                JsonOutput.Write(settings);
                return Task.FromResult(0);
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumn("Setting").AddColumn("Value").AddColumn("From");
            foreach (var setting in settings)
            {
                table.AddRow(Markup.Escape(setting.Key), Markup.Escape(setting.Value ?? ""), Markup.Escape(setting.Source));
            }

            AnsiConsole.Write(table);
            return Task.FromResult(0);
        });
        return new Command("config", "Rapport's configuration (appsettings.json, RAPPORT__… variables, options)") { show };
    }

    /// <summary>
    /// Rapport's own settings as bound (defaults included), then any other key the sources set (features' options,
    /// logging categories), each with its source.
    /// </summary>
    public static IReadOnlyList<EffectiveSetting> Effective(IConfigurationRoot configuration, RapportSettings settings)
    {
        var own = new (string Key, string? Value)[]
        {
            ("Workspace", settings.Workspace),
            ("Store:Db", settings.Store.Db),
            ("Store:DuckDbMemoryLimit", settings.Store.DuckDbMemoryLimit),
            ("Server:Urls", settings.Server.Urls),
            ("Server:PrometheusMetrics", settings.Server.PrometheusMetrics ? "true" : "false"),
            ("Logging:Format", settings.Logging.Format),
            ("Logging:Level", settings.Logging.Level),
            ("Community:RefreshMinutes", settings.Community.RefreshMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Security:SignInPermitsPerMinute", settings.Security.SignInPermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Security:IngestPermitsPerMinute", settings.Security.IngestPermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Security:LockoutFailures", settings.Security.LockoutFailures.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Security:LockoutMinutes", settings.Security.LockoutMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Privacy:PageViewRetentionDays", settings.Privacy.PageViewRetentionDays.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Import:CsvMaxRowBytes", settings.Import.CsvMaxRowBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Import:CsvMaxFields", settings.Import.CsvMaxFields.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Import:CsvMaxRows", settings.Import.CsvMaxRows.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Import:MaxUploadBytes", settings.Import.MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        var list = own.Select(pair => new EffectiveSetting(pair.Key, SettingSecrets.Masked(pair.Key, pair.Value),
            RapportConfiguration.SourceOf(configuration, pair.Key))).ToList();
        foreach (var (key, value) in configuration.AsEnumerable().Where(pair => pair.Value is not null).OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (!list.Any(setting => string.Equals(setting.Key, key, StringComparison.OrdinalIgnoreCase)))
            {
                list.Add(new EffectiveSetting(key, SettingSecrets.Masked(key, value), RapportConfiguration.SourceOf(configuration, key)));
            }
        }

        return list;
    }
}
