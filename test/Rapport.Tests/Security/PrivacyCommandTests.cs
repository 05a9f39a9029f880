using System.Text.Json;

namespace Rapport.Tests.Security;

/// <summary><c>rapport members export|erase</c> and <c>rapport audit</c>, run as a user runs them.</summary>
public sealed class PrivacyCommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task Export_prints_the_developer_erase_needs_yes_and_the_audit_log_records_it()
    {
        await File.WriteAllLinesAsync(_directory.File("people.jsonl"),
        [
            """{"type":"identify","userId":"ada","messageId":"a0","timestamp":"2026-03-01T09:00:00Z","traits":{"github":"ada-l","name":"Ada Lovelace"}}""",
            """{"type":"track","userId":"ada","event":"API Called","messageId":"a1","timestamp":"2026-03-01T10:00:00Z"}""",
        ], TestContext.Current.CancellationToken);
        Assert.Equal(0, (await RunAsync("import", "segment", _directory.File("people.jsonl"))).ExitCode);

        var export = await RunAsync("members", "export", "github:ada-l", "--json");
        var unconfirmed = await RunAsync("members", "erase", "github:ada-l");
        var erased = await RunAsync("members", "erase", "github:ada-l", "--yes", "--by", "owner@example.com");
        var again = await RunAsync("members", "erase", "github:ada-l", "--yes");
        var audit = await RunAsync("audit", "--json");
        var stats = await RunAsync("stats", "--json");

        Assert.Equal(0, export.ExitCode);
        using (var json = JsonDocument.Parse(export.Output))
        {
            Assert.Equal("github:ada-l", json.RootElement.GetProperty("identity").GetString());
            Assert.Equal(2, json.RootElement.GetProperty("tables").GetProperty("identities").GetArrayLength());
        }

        Assert.Equal((1, "rapport: not erased: confirm with --yes"), (unconfirmed.ExitCode, unconfirmed.Error.Trim()));
        Assert.Equal(0, erased.ExitCode);
        Assert.Matches(@"Erased developer #1: \d+ rows deleted, 2 identities suppressed\.", erased.Output);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("no developer with identity github:ada-l", again.Error, StringComparison.Ordinal);
        using (var entries = JsonDocument.Parse(audit.Output))
        {
            var entry = Assert.Single(entries.RootElement.EnumerateArray());
            Assert.Equal(("owner@example.com", "member.erased", "member #1"),
                (entry.GetProperty("actor").GetString(), entry.GetProperty("action").GetString(), entry.GetProperty("target").GetString()));
        }

        using var counts = JsonDocument.Parse(stats.Output);
        Assert.Equal(0, counts.RootElement.GetProperty("developers").GetInt64());
    }

    public void Dispose() => _directory.Dispose();

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        RapportProcess.RunAsync(_directory.Path, ["--db", _directory.File("rapport.duckdb"), .. arguments]);
}
