using System.Diagnostics;
using System.Net.Sockets;
using Rapport.Cli;

namespace Rapport.Tests.Cli;

/// <summary>
/// Bulk commands run under a 24 MB young-generation budget, set by replacing their own process: the caller keeps the
/// process it started (same id, same streams), and every other command runs as started.
/// </summary>
public sealed class BulkGcBudgetTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Theory]
    [InlineData(true, "import", "segment", "events.jsonl")]
    [InlineData(true, "--db", "x.duckdb", "--workspace", "docs", "import", "git", "repo")]
    [InlineData(true, "demo")]
    [InlineData(false, "serve")]
    [InlineData(false, "stats", "--json")]
    [InlineData(false, "report", "funnel")]
    [InlineData(false, "--workspace", "import", "stats")]
    public void Imports_and_the_demo_are_bulk_commands_and_nothing_else(bool bulk, params string[] arguments)
    {
        var parse = RapportCommandLine.Create(TimeProvider.System).Parse(arguments);

        Assert.Equal(bulk, BulkGcBudget.Wants(parse));
    }

    [Fact]
    public async Task An_import_reading_standard_input_runs_in_the_process_it_was_started_as_with_the_budget_set()
    {
        var db = _directory.File("rapport.duckdb");
        using var import = Start(new Dictionary<string, string>(), "--db", db, "import", "segment", "-");

        var environment = await EnvironmentOnceReplacedAsync(import.Id);
        Assert.Equal(BulkGcBudget.Budget, environment[BulkGcBudget.Variable]);
        Assert.Equal(
            ["dotnet", RapportProcess.ExecutablePath, "--db", db, "import", "segment", "-"],
            (await File.ReadAllTextAsync($"/proc/{import.Id}/cmdline", TestContext.Current.CancellationToken)).TrimEnd('\0').Split('\0'));
        await AssertDiagnosticsListenAsync(import.Id);

        await import.StandardInput.WriteAsync(
            """
            {"type":"track","event":"Signed Up","userId":"u-1","messageId":"m-1","timestamp":"2026-01-05T10:00:00Z"}
            {"type":"page","anonymousId":"a-1","messageId":"m-2","timestamp":"2026-01-05T11:00:00Z"}

            """);
        import.StandardInput.Close();
        var output = await import.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await import.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, import.ExitCode);
        Assert.Matches(@"messages read\s*│\s*2", output);
        Assert.Matches(@"activities stored\s*│\s*2", output);
    }

    [Fact]
    public async Task A_budget_the_caller_set_is_kept()
    {
        using var import = Start(
            new Dictionary<string, string> { [BulkGcBudget.Variable] = "0x1000000" }, "--db", _directory.File("rapport.duckdb"), "import", "segment", "-");

        // Give a replacement, were there one, time to happen; then the caller's value must still be the one in force.
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        var environment = ReadEnvironment(import.Id);
        import.StandardInput.Close();
        await import.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal("0x1000000", environment[BulkGcBudget.Variable]);
        Assert.Equal(0, import.ExitCode);
    }

    public void Dispose() => _directory.Dispose();

    private Process Start(Dictionary<string, string> environment, params string[] arguments)
    {
        var start = RapportProcess.StartInfo(_directory.Path, arguments);
        start.RedirectStandardInput = true;
        start.Environment.Remove(BulkGcBudget.Variable);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    /// <summary>The process's environment once it carries the budget: /proc shows the one execve installed.</summary>
    private static async Task<Dictionary<string, string>> EnvironmentOnceReplacedAsync(int pid)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var environment = ReadEnvironment(pid);
            if (environment.ContainsKey(BulkGcBudget.Variable) || DateTime.UtcNow > deadline)
            {
                return environment;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>
    /// dotnet-counters and dotnet-trace can attach: the replaced process listens on its diagnostics socket, which its
    /// runtime creates while it starts.
    /// </summary>
    private static async Task AssertDiagnosticsListenAsync(int pid)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var sockets = Directory.GetFiles(Path.GetTempPath(), $"dotnet-diagnostic-{pid}-*-socket");
            try
            {
                using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await client.ConnectAsync(new UnixDomainSocketEndPoint(Assert.Single(sockets)), TestContext.Current.CancellationToken);
                return;
            }
            catch (Exception e) when ((e is SocketException || sockets.Length == 0) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }
        }
    }

    private static Dictionary<string, string> ReadEnvironment(int pid) =>
        File.ReadAllText($"/proc/{pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split('=', 2))
            .GroupBy(pair => pair[0], StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Last().ElementAtOrDefault(1) ?? "", StringComparer.Ordinal);
}
