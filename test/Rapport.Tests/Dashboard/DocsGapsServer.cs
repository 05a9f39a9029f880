namespace Rapport.Tests.Dashboard;

/// <summary>
/// A <c>rapport serve</c> of a real Stack Exchange dump (conlang.meta.stackexchange.com) and a small docs folder, for
/// the Docs gaps page; kept apart from <see cref="DashboardServer"/>, whose content catalog other tests count.
/// </summary>
public sealed class DocsGapsServer : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();
    private RapportServerProcess? _server;

    public Uri Address => _server?.Address ?? throw new InvalidOperationException("the server has not started");

    /// <summary>What <c>rapport report docs-gaps --json</c> printed before the server started.</summary>
    internal string ReportJson { get; private set; } = "";

    private string Db => _directory.File("docs-gaps.duckdb");

    public async ValueTask InitializeAsync()
    {
        await RunAsync("import", "stackexchange", Path.Combine(AppContext.BaseDirectory, "TestData", "conlang.meta.stackexchange.com"));
        await RunAsync("import", "markdown", Path.Combine(AppContext.BaseDirectory, "TestData", "conlang-docs"), "--kind", "docs_page",
            "--base-url", "https://docs.example.com/");
        ReportJson = await RunAsync("report", "docs-gaps", "--json");
        var created = await RapportProcess.RunShellAsync(_directory.Path,
            $"printf '%s\\n' '{DashboardServer.Password}' | dotnet '{RapportProcess.ExecutablePath}' --db '{Db}' users create --email {DashboardServer.ViewerEmail} --role viewer --password-stdin");
        Assert.True(created.ExitCode == 0, created.Error);
        _server = await RapportServerProcess.StartAsync(_directory.Path, ["--db", Db], ["--community-refresh", "0"]);
    }

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<string> RunAsync(params string[] arguments)
    {
        var (exitCode, output, error) = await RapportProcess.RunAsync(_directory.Path, ["--db", Db, .. arguments]);
        Assert.True(exitCode == 0, $"rapport {string.Join(' ', arguments)} failed: {error}");
        return output;
    }
}
