using System.Text.Json;

namespace Rapport.Tests.Security;

/// <summary>Administrative commands, run as a user runs them, each recorded in the audit log as <c>cli:</c> and the system user.</summary>
public sealed class CliAuditTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    private static string Actor => "cli:" + Environment.UserName;

    [Fact]
    public async Task Every_administrative_command_that_succeeds_is_in_the_audit_log_and_one_that_fails_is_not()
    {
        await File.WriteAllLinesAsync(_directory.File("people.jsonl"),
        [
            """{"type":"identify","userId":"ada","messageId":"a0","timestamp":"2026-03-01T09:00:00Z","traits":{"email":"ada@example.com"}}""",
            """{"type":"identify","userId":"grace","messageId":"g0","timestamp":"2026-03-02T09:00:00Z","traits":{"email":"grace@example.com"}}""",
        ], Token);
        await File.WriteAllTextAsync(_directory.File("icps.json"), """{"icps": [{"name": "active", "rule": {"activity": "*"}}]}""", Token);
        await File.WriteAllTextAsync(_directory.File("coverage.json"), """{"dimensions": {"language": {"python": ["py"]}}}""", Token);
        await Succeeds("import", "segment", _directory.File("people.jsonl"));
        await Succeeds("backup", _directory.File("backup.duckdb"));
        // The restored store holds what the backup held: the entries before it are gone, the restore's own is in it.
        await Succeeds("restore", _directory.File("backup.duckdb"), "--force");
        await File.WriteAllTextAsync(_directory.File("journey.json"), (await Succeeds("journey", "show", "--json")).Output, Token);

        await Succeeds("users", "create", "--email", "viewer@example.com", "--role", "viewer");
        await Succeeds("users", "remove", "--email", "viewer@example.com");
        await Succeeds("keys", "create", "--scope", "read", "--name", "reports");
        using (var keys = JsonDocument.Parse((await Succeeds("keys", "list", "--json")).Output))
        {
            await Succeeds("keys", "revoke", keys.RootElement[0].GetProperty("prefix").GetString()!);
        }

        await Succeeds("journey", "set", _directory.File("journey.json"));
        await Succeeds("icp", "set", _directory.File("icps.json"));
        await Succeeds("coverage", "set", _directory.File("coverage.json"));
        await Succeeds("members", "merge", "user:ada", "user:grace");
        await Succeeds("members", "unmerge", "user:grace");
        await Succeeds("members", "erase", "user:grace", "--yes");
        var refused = await RunAsync("keys", "revoke", "rpk_nosuchkey");
        var audit = await Succeeds("audit", "--json");

        Assert.NotEqual(0, refused.ExitCode);
        using var entries = JsonDocument.Parse(audit.Output);
        var log = entries.RootElement.EnumerateArray()
            .Select(entry => (entry.GetProperty("actor").GetString(), entry.GetProperty("action").GetString(), entry.GetProperty("target").GetString()))
            .Reverse()
            .ToList();
        Assert.Equal(
            [
                (Actor, "RestoreBackup", "rapport restore"),
                (Actor, "CreateUser", "rapport users create"),
                (Actor, "RemoveUser", "rapport users remove"),
                (Actor, "CreateApiKey", "rapport keys create"),
                (Actor, "RevokeApiKey", "rapport keys revoke"),
                (Actor, "SetJourneyMap", "rapport journey set"),
                (Actor, "SetIcps", "rapport icp set"),
                (Actor, "SetCoverageDimensions", "rapport coverage set"),
                (Actor, "MergeMembers", "rapport members merge"),
                (Actor, "UnmergeIdentity", "rapport members unmerge"),
                (Actor, "member.erased", "member #3"),
            ],
            log);
    }

    public void Dispose() => _directory.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<(int ExitCode, string Output, string Error)> Succeeds(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        Assert.True(result.ExitCode == 0, $"rapport {string.Join(' ', arguments)} failed: {result.Error}");
        return result;
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        RapportProcess.RunAsync(_directory.Path, ["--db", _directory.File("rapport.duckdb"), .. arguments]);
}
