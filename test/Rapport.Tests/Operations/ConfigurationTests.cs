using System.Text.Json;

namespace Rapport.Tests.Operations;

/// <summary>Settings from appsettings.json, RAPPORT__ variables and options, as an operator sets them.</summary>
public sealed class ConfigurationTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task Options_beat_variables_which_beat_the_file_and_config_show_says_where_each_came_from()
    {
        await File.WriteAllTextAsync(_directory.File("appsettings.json"),
            """{"Workspace": "from-file", "Store": {"Db": "file.duckdb"}, "Server": {"Urls": "http://127.0.0.1:6001"}}""",
            TestContext.Current.CancellationToken);
        var environment = new Dictionary<string, string> { ["RAPPORT__STORE__DB"] = "env.duckdb", ["RAPPORT__SERVER__URLS"] = "http://127.0.0.1:6002" };

        var shown = await RapportProcess.RunAsync(_directory.Path, environment, "config", "show", "--json", "--db", "option.duckdb");

        Assert.True(shown.ExitCode == 0, shown.Error);
        var settings = Settings(shown.Output);
        Assert.Equal(("from-file", "in appsettings.json"), settings["Workspace"]);
        Assert.Equal(("option.duckdb", "command line"), settings["Store:Db"]);
        Assert.Equal(("http://127.0.0.1:6002", "environment variable RAPPORT__SERVER__URLS"), settings["Server:Urls"]);
        Assert.Equal(("Information", "default"), settings["Logging:Level"]);
    }

    [Fact]
    public async Task Config_show_masks_the_password_of_a_PostgreSQL_store_in_a_connection_string_and_a_URI()
    {
        var environment = new Dictionary<string, string> { ["RAPPORT_DB"] = "Host=db.internal;Username=rapport;Password=s3cret;Database=rapport" };

        var fromVariable = await RapportProcess.RunAsync(_directory.Path, environment, "config", "show", "--json");
        var fromUri = await RapportProcess.RunAsync(_directory.Path, "config", "show", "--json", "--db", "postgres://rapport:s3cret@db.internal/rapport");

        Assert.Equal(("Host=db.internal;Username=rapport;Password=****;Database=rapport", "environment variable RAPPORT_DB"),
            Settings(fromVariable.Output)["Store:Db"]);
        Assert.Equal(("postgres://rapport:****@db.internal/rapport", "command line"), Settings(fromUri.Output)["Store:Db"]);
        Assert.DoesNotContain("s3cret", fromVariable.Output + fromUri.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"Server": {"Urls": "ftp://127.0.0.1"}}""",
        "rapport: configuration: Server:Urls must be http:// or https:// addresses separated by ';' (it is 'ftp://127.0.0.1', in appsettings.json)")]
    [InlineData("""{"Server": {"PrometheusMetrics": "yes"}}""",
        "rapport: configuration: Server:PrometheusMetrics must be true or false (it is 'yes', in appsettings.json)")]
    [InlineData("""{"Server": {"Url": "http://127.0.0.1:6000"}}""",
        "rapport: configuration: Server:Url (in appsettings.json) is not a setting Rapport knows; see docs/operations.md#configuration")]
    [InlineData("""{"Store": {"DuckDbMemoryLimit": "lots"}}""",
        "rapport: configuration: Store:DuckDbMemoryLimit must be a size such as 512MB or 2GB (it is 'lots', in appsettings.json)")]
    [InlineData("{\n  \"Server\": {\n",
        "rapport: configuration: appsettings.json:3: not valid JSON")]
    public async Task A_bad_setting_in_the_file_stops_every_command_with_its_name_and_where_it_was_set(string file, string message)
    {
        await File.WriteAllTextAsync(_directory.File("appsettings.json"), file, TestContext.Current.CancellationToken);

        var stats = await RapportProcess.RunAsync(_directory.Path, "stats");

        Assert.Equal(1, stats.ExitCode);
        Assert.StartsWith(message, stats.Error.Trim(), StringComparison.Ordinal);
        Assert.False(File.Exists(_directory.File("rapport.duckdb")), "nothing ran: the store was not created");
    }

    [Fact]
    public async Task A_bad_variable_is_named_as_the_variable_and_serve_does_not_start()
    {
        var environment = new Dictionary<string, string> { ["RAPPORT__LOGGING__LEVEL"] = "Loud" };

        var serve = await RapportProcess.RunAsync(_directory.Path, environment, "serve");

        Assert.Equal(1, serve.ExitCode);
        Assert.Equal(
            "rapport: configuration: Logging:Level must be Trace, Debug, Information, Warning, Error, Critical or None (it is 'Loud', environment variable RAPPORT__LOGGING__LEVEL)",
            serve.Error.Trim());
    }

    [Fact]
    public async Task A_configuration_file_named_by_option_must_exist()
    {
        var stats = await RapportProcess.RunAsync(_directory.Path, "stats", "--config", "missing.json");

        Assert.Equal(1, stats.ExitCode);
        Assert.Equal("rapport: configuration: the configuration file missing.json does not exist", stats.Error.Trim());
    }

    public void Dispose() => _directory.Dispose();

    private static Dictionary<string, (string? Value, string Source)> Settings(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().ToDictionary(
            setting => setting.GetProperty("key").GetString()!,
            setting => (setting.GetProperty("value").GetString(), setting.GetProperty("source").GetString()!));
    }
}
