using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;

namespace Rapport.Tests.Web;

/// <summary>Nothing acknowledged is lost: a server killed with SIGKILL under load keeps every message it answered 2xx.</summary>
public sealed class IngestCrashTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task Every_acknowledged_message_survives_a_SIGKILL_exactly_once()
    {
        var db = _directory.File("rapport.duckdb");
        var created = await RapportProcess.RunAsync(_directory.Path, "--db", db, "keys", "create", "--scope", "ingest");
        Assert.Equal(0, created.ExitCode);
        var key = created.Output.Split('\n').Select(line => line.Trim()).Single(line => line.StartsWith("rpk_", StringComparison.Ordinal));

        var acknowledged = new ConcurrentBag<string>();
        using (var server = await RapportServerProcess.StartAsync(_directory.Path, "--db", db))
        {
            using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(5) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":")));
            using var stop = new CancellationTokenSource();
            var clients = Enumerable.Range(0, 16).Select(client => Task.Run(() => SendUntilStoppedAsync(http, client, acknowledged, stop.Token))).ToArray();

            // Let the load build up, then pull the plug while requests are in flight.
            while (acknowledged.Count < 2_000)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }

            server.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(clients);
        }

        var stored = CountStoredMessages(db);
        Assert.True(acknowledged.Count >= 2_000, $"only {acknowledged.Count} acknowledged");
        var missing = acknowledged.Where(id => !stored.ContainsKey(id)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} acknowledged messages were lost, e.g. {string.Join(", ", missing.Take(5))}");
        Assert.All(stored, pair => Assert.Equal(1, pair.Value));

        // The store opens cleanly for the next process and agrees.
        var stats = await RapportProcess.RunAsync(_directory.Path, "--db", db, "stats", "--json");
        Assert.Equal(0, stats.ExitCode);
        using var document = JsonDocument.Parse(stats.Output);
        Assert.Equal(stored.Count, document.RootElement.GetProperty("activities").GetInt64());
    }

    public void Dispose() => _directory.Dispose();

    private static async Task SendUntilStoppedAsync(HttpClient http, int client, ConcurrentBag<string> acknowledged, CancellationToken stop)
    {
        for (var sequence = 0; !stop.IsCancellationRequested; sequence++)
        {
            // Every third request is a batch of five, so single messages and batches both cross the crash.
            var ids = Enumerable.Range(0, sequence % 3 == 0 ? 5 : 1).Select(i => $"crash-{client}-{sequence}-{i}").ToArray();
            var messages = ids.Select(id =>
                $$"""{"type":"track","event":"API Called","userId":"dev-{{client}}","messageId":"{{id}}","timestamp":"2026-03-01T10:00:00Z"}""");
            var (path, body) = ids.Length == 1
                ? ("/v1/track", messages.Single())
                : ("/v1/batch", $$"""{"batch":[{{string.Join(",", messages)}}]}""");
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(path, content, CancellationToken.None);
                if (response.IsSuccessStatusCode)
                {
                    foreach (var id in ids)
                    {
                        acknowledged.Add(id);
                    }
                }
            }
            catch (HttpRequestException)
            {
                // The server is gone: whatever was not acknowledged may or may not be stored.
                return;
            }
            catch (TaskCanceledException)
            {
                return;
            }
        }
    }

    private static Dictionary<string, long> CountStoredMessages(string db)
    {
        using var connection = new DuckDBConnection($"Data Source={db}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT message_id, count(*) FROM activities GROUP BY message_id";
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }
}
