using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Rapport.Core.Reports;
using Rapport.Storage;

namespace Rapport.Tests.Operations;

/// <summary><c>rapport backup</c> and <c>rapport restore</c>, directly and through a running server under load.</summary>
public sealed class BackupTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task A_backup_taken_under_ingest_load_restores_to_exactly_the_messages_committed_before_it()
    {
        var db = _directory.File("live.duckdb");
        var ingestKey = await CreateKeyAsync(db, "ingest");
        var adminKey = await CreateKeyAsync(db, "admin");
        using var server = await RapportServerProcess.StartAsync(_directory.Path, "--db", db);
        var sent = new ConcurrentDictionary<string, string>();
        var acknowledged = new ConcurrentDictionary<string, DateTime>();

        // Eight clients send batches (three developers' messages each) until the backup has finished; the backup
        // starts once a thousand messages are acknowledged, so ingest runs before, during and after it.
        using var http = new HttpClient { BaseAddress = server.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(ingestKey + ":")));
        var nextDeveloper = -1;
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var first = Interlocked.Add(ref nextDeveloper, 3) - 2;
                var batch = Enumerable.Range(first, 3).SelectMany(Developer).ToList();
                foreach (var (id, json) in batch)
                {
                    sent[id] = json;
                }

                using var content = new StringContent($$"""{"batch":[{{string.Join(',', batch.Select(m => m.Json))}}]}""", Encoding.UTF8, "application/json");
                using var response = await http.PostAsync("/v1/batch", content, TestContext.Current.CancellationToken);
                response.EnsureSuccessStatusCode();
                foreach (var (id, _) in batch)
                {
                    acknowledged[id] = DateTime.UtcNow;
                }
            }
        }, TestContext.Current.CancellationToken)).ToArray();
        while (acknowledged.Count < 1000)
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        var backupStarted = DateTime.UtcNow;
        var backup = await RapportProcess.RunAsync(_directory.Path, "backup", "backup.duckdb", "--server", server.Address.ToString(), "--key", adminKey);
        var backupEnded = DateTime.UtcNow;
        await Task.Delay(200, TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        await Task.WhenAll(load);
        Assert.True(backup.ExitCode == 0, backup.Error);
        Assert.Contains("Backed up to backup.duckdb", backup.Output, StringComparison.Ordinal);
        Assert.Contains(acknowledged.Values, at => at > backupEnded);

        var restore = await RapportProcess.RunAsync(_directory.Path, "--db", "restored.duckdb", "restore", "backup.duckdb");
        Assert.True(restore.ExitCode == 0, restore.Error);

        // Every message acknowledged before the backup began is in it; what it holds is a set of whole commits,
        // and a store that imports exactly those messages reports the same funnel and developers.
        var clock = TimeProvider.System;
        await using var restored = RapportStore.Open(_directory.File("restored.duckdb"), clock);
        var workspace = await restored.FindWorkspaceAsync("default", TestContext.Current.CancellationToken) ?? throw new Xunit.Sdk.XunitException("no workspace");
        var stored = await StoredMessageIdsAsync(restored, workspace);
        Assert.Superset(acknowledged.Where(ack => ack.Value < backupStarted).Select(ack => ack.Key).ToHashSet(), stored);
        Assert.True(stored.Count < acknowledged.Count, $"the backup holds {stored.Count} of {acknowledged.Count} messages: ingest went on after it");

        await using var reference = RapportStore.Open(_directory.File("reference.duckdb"), clock);
        var referenceWorkspace = await reference.GetOrCreateWorkspaceAsync("default", TestContext.Current.CancellationToken);
        await using (var session = await reference.BeginIngestAsync(referenceWorkspace, TestContext.Current.CancellationToken))
        {
            var parsed = sent.Where(m => stored.Contains(m.Key)).OrderBy(m => m.Key, StringComparer.Ordinal)
                .Select(m => Connectors.Segment.SegmentMessageParser.Parse(Encoding.UTF8.GetBytes(m.Value), DateTime.UtcNow)).ToList();
            await session.AddAsync(parsed, TestContext.Current.CancellationToken);
            await session.CommitAsync(TestContext.Current.CancellationToken);
        }

        var (expectedStats, actualStats) = (await reference.GetStatsAsync(referenceWorkspace, TestContext.Current.CancellationToken),
            await restored.GetStatsAsync(workspace, TestContext.Current.CancellationToken));
        Assert.Equal(expectedStats.Developers, actualStats.Developers);
        Assert.Equal(expectedStats.Identities.ToDictionary(), actualStats.Identities.ToDictionary());
        Assert.Equal(expectedStats.Activities, actualStats.Activities);
        Assert.Equal(
            (await reference.GetFunnelAsync(referenceWorkspace, DateRange.All, TestContext.Current.CancellationToken)).Stages,
            (await restored.GetFunnelAsync(workspace, DateRange.All, TestContext.Current.CancellationToken)).Stages);
    }

    [Fact]
    public async Task A_store_is_restored_over_a_newer_one_which_is_kept_beside_it()
    {
        var journey = Path.Combine(AppContext.BaseDirectory, "TestData", "journey.jsonl");
        await RunAsync("import", "segment", journey);
        var before = await RunAsync("stats", "--json");
        await RunAsync("backup", "monday.duckdb");
        await File.WriteAllTextAsync(_directory.File("more.jsonl"),
            """{"type":"track","userId":"late","event":"Signed Up","messageId":"late-1","timestamp":"2026-03-01T10:00:00Z"}""" + "\n",
            TestContext.Current.CancellationToken);
        await RunAsync("import", "segment", "more.jsonl");
        Assert.NotEqual(before, await RunAsync("stats", "--json"));

        var refused = await RapportProcess.RunAsync(_directory.Path, "restore", "monday.duckdb");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("rapport.duckdb exists; pass --force", refused.Error, StringComparison.Ordinal);

        await RunAsync("restore", "monday.duckdb", "--force");

        Assert.Equal(before, await RunAsync("stats", "--json"));
        var kept = Assert.Single(Directory.GetFiles(_directory.Path, "rapport.duckdb.before-restore-*"), file => !file.EndsWith(".wal", StringComparison.Ordinal));
        Assert.Equal(5, JsonStats(await RunAsync("--db", kept, "stats", "--json")));
    }

    [Fact]
    public async Task A_store_held_by_a_server_is_not_backed_up_behind_its_back_and_a_truncated_file_is_not_restored()
    {
        var db = _directory.File("held.duckdb");
        using (await RapportServerProcess.StartAsync(_directory.Path, "--db", db))
        {
            var direct = await RapportProcess.RunAsync(_directory.Path, "--db", db, "backup", "b.duckdb");
            Assert.Equal(1, direct.ExitCode);
            Assert.Contains("is in use by another process; take the backup through the server that holds it", direct.Error, StringComparison.Ordinal);
            Assert.False(File.Exists(_directory.File("b.duckdb")));
        }

        await File.WriteAllBytesAsync(_directory.File("broken.duckdb"), new byte[4096], TestContext.Current.CancellationToken);
        var restore = await RapportProcess.RunAsync(_directory.Path, "--db", "fresh.duckdb", "restore", "broken.duckdb");
        Assert.Equal(1, restore.ExitCode);
        Assert.Contains("the backup is not a readable Rapport store", restore.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_directory.File("fresh.duckdb")));
    }

    [Fact]
    public async Task A_backup_through_the_server_needs_an_admin_key()
    {
        var db = _directory.File("guarded.duckdb");
        var ingestKey = await CreateKeyAsync(db, "ingest");
        using var server = await RapportServerProcess.StartAsync(_directory.Path, "--db", db);

        var refused = await RapportProcess.RunAsync(_directory.Path, "backup", "b.duckdb", "--server", server.Address.ToString(), "--key", ingestKey);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("the server refused the backup (403)", refused.Error, StringComparison.Ordinal);
        Assert.Contains("this needs a key with the scope admin", refused.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_directory.File("b.duckdb")));
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>One developer's messages: a page view, an identify that ties it to a user, a sign-up, and for a third an API call.</summary>
    private static IEnumerable<(string Id, string Json)> Developer(int i)
    {
        var day = 1 + (i % 28);
        yield return ($"p-{i}", $$"""{"type":"page","anonymousId":"a-{{i}}","messageId":"p-{{i}}","timestamp":"2026-02-{{day:00}}T08:00:00Z"}""");
        yield return ($"i-{i}", $$$"""{"type":"identify","anonymousId":"a-{{{i}}}","userId":"u-{{{i}}}","messageId":"i-{{{i}}}","timestamp":"2026-02-{{{day:00}}}T09:00:00Z","traits":{"email":"dev{{{i}}}@example.com"}}""");
        yield return ($"s-{i}", $$"""{"type":"track","userId":"u-{{i}}","event":"Signed Up","messageId":"s-{{i}}","timestamp":"2026-02-{{day:00}}T09:05:00Z"}""");
        if (i % 3 == 0)
        {
            yield return ($"c-{i}", $$"""{"type":"track","userId":"u-{{i}}","event":"API Called","messageId":"c-{{i}}","timestamp":"2026-03-{{day:00}}T10:00:00Z"}""");
        }
    }

    private static async Task<HashSet<string>> StoredMessageIdsAsync(IRapportStore store, Core.Workspaces.Workspace workspace)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var chunk in store.ExportAsync(workspace, TestContext.Current.CancellationToken))
        {
            if (chunk.Table is "activities" or "profile_updates")
            {
                var column = StoredTables.ColumnsOf(chunk.Table).ToList().IndexOf("message_id");
                foreach (var row in chunk.Rows)
                {
                    ids.Add((string)row[column]!);
                }
            }
        }

        return ids;
    }

    private async Task<string> CreateKeyAsync(string db, string scope)
    {
        var created = await RapportProcess.RunAsync(_directory.Path, "--db", db, "keys", "create", "--scope", scope);
        Assert.True(created.ExitCode == 0, created.Error);
        return created.Output.Split('\n').Select(line => line.Trim()).Single(line => line.StartsWith("rpk_", StringComparison.Ordinal));
    }

    private async Task<string> RunAsync(params string[] arguments)
    {
        var (exitCode, output, error) = await RapportProcess.RunAsync(_directory.Path, arguments);
        Assert.True(exitCode == 0, $"rapport {string.Join(' ', arguments)}: {error}");
        return output;
    }

    private static long JsonStats(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.GetProperty("developers").GetInt64();
    }
}
