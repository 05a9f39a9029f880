using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;
using Rapport.Core.Workspaces;

namespace Rapport.Configuration;

/// <summary>
/// Reads Rapport's configuration from its sources and checks it. Later sources win: <c>appsettings.json</c>, then
/// the older single variables <c>RAPPORT_DB</c> and <c>RAPPORT_DUCKDB_MEMORY_LIMIT</c>, then <c>RAPPORT__…</c>
/// environment variables, then command-line options. A bad value is refused with the setting's name and where it
/// was set, before anything runs.
/// </summary>
internal static partial class RapportConfiguration
{
    public const string EnvironmentPrefix = "RAPPORT__";

    /// <summary>The variable that names a configuration file other than <c>appsettings.json</c> in the current folder.</summary>
    public const string FileVariable = "RAPPORT_CONFIG";

    public const string DefaultFile = "appsettings.json";

    /// <summary>The settings this module checks, for typos: any other key in these sections is refused.</summary>
    private static readonly string[] KnownKeys =
    [
        "Workspace", "Store:Db", "Store:DuckDbMemoryLimit", "Server:Urls", "Server:PrometheusMetrics", "Logging:Format", "Logging:Level",
        "Community:RefreshMinutes", "Security:SignInPermitsPerMinute", "Security:IngestPermitsPerMinute", "Security:LockoutFailures",
        "Security:LockoutMinutes", "Security:AllowPrivateNetworkUrls", "Privacy:PageViewRetentionDays",
        "Import:CsvMaxRowBytes", "Import:CsvMaxFields", "Import:CsvMaxRows", "Import:MaxUploadBytes",
    ];

    private static readonly string[] CheckedSections = ["Store", "Server", "Community", "Security", "Privacy", "Import"];

    /// <summary>
    /// The configuration from every source. <paramref name="commandLine"/> holds the options given on the command
    /// line, by setting name (<c>Store:Db</c>); <paramref name="file"/> is <c>--config</c>, if given.
    /// </summary>
    public static IConfigurationRoot Build(string? file, IReadOnlyDictionary<string, string?> commandLine)
    {
        var builder = new ConfigurationBuilder();
        var path = file ?? Environment.GetEnvironmentVariable(FileVariable);
        if (!string.IsNullOrWhiteSpace(path))
        {
            var full = Path.GetFullPath(path);
            if (!File.Exists(full))
            {
                throw new ConfigurationException($"the configuration file {path} does not exist");
            }

            builder.AddJsonFile(full, optional: false, reloadOnChange: false);
        }
        else
        {
            builder.AddJsonFile(Path.GetFullPath(DefaultFile), optional: true, reloadOnChange: false);
        }

        builder.AddInMemoryCollection(LegacyVariables());
        builder.AddEnvironmentVariables(EnvironmentPrefix);
        builder.AddInMemoryCollection(commandLine.Where(option => option.Value is not null));
        try
        {
            return builder.Build();
        }
        catch (InvalidDataException e)
        {
            var json = e.InnerException as System.Text.Json.JsonException ?? e.InnerException?.InnerException as System.Text.Json.JsonException;
            var line = json?.LineNumber is { } number ? $":{number + 1}" : "";
            throw new ConfigurationException($"{path ?? DefaultFile}{line}: not valid JSON ({json?.Message.Split(" Path:", 2)[0] ?? e.Message})");
        }
    }

    /// <summary>Binds and checks the settings; <see cref="ConfigurationException"/> names the first bad one.</summary>
    public static RapportSettings Read(IConfigurationRoot configuration)
    {
        foreach (var section in CheckedSections)
        {
            foreach (var child in configuration.GetSection(section).GetChildren())
            {
                if (!KnownKeys.Contains(child.Path, StringComparer.OrdinalIgnoreCase))
                {
                    throw new ConfigurationException(
                        $"{child.Path} ({SourceOf(configuration, child.Path)}) is not a setting Rapport knows; see docs/operations.md#configuration");
                }
            }
        }

        var settings = new RapportSettings();
        try
        {
            configuration.Bind(settings);
        }
        catch (InvalidOperationException e) when (BinderKey().Match(e.Message) is { Success: true } match)
        {
            // The binder names the setting and the type it could not convert the value to (a word where a bool belongs).
            var key = match.Groups[1].Value;
            var type = match.Groups[2].Value switch
            {
                "System.Boolean" => "true or false",
                "System.Int32" or "System.Int64" => "a whole number",
                var other => other,
            };
            throw new ConfigurationException($"{key} must be {type} (it is '{configuration[key]}', {SourceOf(configuration, key)})");
        }

        Check(configuration, "Workspace", Workspace.IsValidSlug(settings.Workspace),
            "must be lower-case letters, digits and dashes, starting with a letter");
        Check(configuration, "Store:Db", !string.IsNullOrWhiteSpace(settings.Store.Db), "must name a DuckDB file or a PostgreSQL server");
        Check(configuration, "Store:DuckDbMemoryLimit", settings.Store.DuckDbMemoryLimit is null || MemorySize().IsMatch(settings.Store.DuckDbMemoryLimit),
            "must be a size such as 512MB or 2GB");
        foreach (var url in settings.Server.Urls.Split(';', StringSplitOptions.TrimEntries))
        {
            Check(configuration, "Server:Urls",
                Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https" && parsed.Host.Length > 0,
                "must be http:// or https:// addresses separated by ';'");
        }

        Check(configuration, "Community:RefreshMinutes", settings.Community.RefreshMinutes >= 0, "must be 0 (off) or a number of minutes");
        Check(configuration, "Security:SignInPermitsPerMinute", settings.Security.SignInPermitsPerMinute >= 1, "must be 1 or more attempts per minute");
        Check(configuration, "Security:IngestPermitsPerMinute", settings.Security.IngestPermitsPerMinute >= 0, "must be 0 (no limit) or a number of requests per minute");
        Check(configuration, "Security:LockoutFailures", settings.Security.LockoutFailures >= 1, "must be 1 or more failed sign-ins");
        Check(configuration, "Security:LockoutMinutes", settings.Security.LockoutMinutes >= 1, "must be 1 or more minutes");
        Check(configuration, "Privacy:PageViewRetentionDays", settings.Privacy.PageViewRetentionDays is >= 0 and <= PrivacySettings.MaxRetentionDays,
            $"must be 0 (keep page views) or a number of days up to {PrivacySettings.MaxRetentionDays}");
        Check(configuration, "Import:CsvMaxRowBytes", settings.Import.CsvMaxRowBytes is null or (>= 1024 and <= 256 << 20),
            "must be a number of bytes from 1024 to 268435456 (256 MiB)");
        Check(configuration, "Import:CsvMaxFields", settings.Import.CsvMaxFields is >= 1 and <= 100_000, "must be from 1 to 100000 fields");
        Check(configuration, "Import:CsvMaxRows", settings.Import.CsvMaxRows >= 1, "must be 1 or more rows");
        Check(configuration, "Import:MaxUploadBytes", settings.Import.MaxUploadBytes is >= 1024 and <= ImportSettings.MaxUploadBytesLimit,
            "must be a number of bytes from 1024 to 1073741824 (1 GiB)");
        Check(configuration, "Logging:Format", settings.Logging.Format is "auto" or "json" or "text", "must be auto, json or text");
        Check(configuration, "Logging:Level", Enum.TryParse<LogLevel>(settings.Logging.Level, ignoreCase: true, out _),
            "must be Trace, Debug, Information, Warning, Error, Critical or None");
        return settings;
    }

    /// <summary>Where a setting's value comes from, as a user would look for it.</summary>
    public static string SourceOf(IConfigurationRoot configuration, string key)
    {
        foreach (var provider in configuration.Providers.Reverse())
        {
            if (!provider.TryGet(key, out _))
            {
                continue;
            }

            return provider switch
            {
                JsonConfigurationProvider json => $"in {json.Source.Path}",
                EnvironmentVariablesConfigurationProvider => $"environment variable {EnvironmentPrefix}{key.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant()}",
                MemoryConfigurationProvider when ReferenceEquals(provider, configuration.Providers.Last()) => "command line",
                _ => LegacyVariableOf(key) is { } variable ? $"environment variable {variable}" : "default",
            };
        }

        return "default";
    }

    private static void Check(IConfigurationRoot configuration, string key, bool valid, string rule)
    {
        if (!valid)
        {
            var value = configuration[key];
            throw new ConfigurationException($"{key} {rule} (it is '{value}', {SourceOf(configuration, key)})");
        }
    }

    private static IEnumerable<KeyValuePair<string, string?>> LegacyVariables()
    {
        foreach (var (variable, key) in Legacy)
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
            {
                yield return new(key, value);
            }
        }
    }

    private static string? LegacyVariableOf(string key) =>
        Legacy.FirstOrDefault(pair => string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase)).Variable;

    private static readonly (string Variable, string Key)[] Legacy =
    [
        ("RAPPORT_DB", "Store:Db"),
        ("RAPPORT_DUCKDB_MEMORY_LIMIT", "Store:DuckDbMemoryLimit"),
    ];

    [GeneratedRegex("at '([^']+)' to type '([^']+)'")]
    private static partial Regex BinderKey();

    [GeneratedRegex("^[0-9]+(\\.[0-9]+)?\\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$", RegexOptions.IgnoreCase)]
    private static partial Regex MemorySize();
}
