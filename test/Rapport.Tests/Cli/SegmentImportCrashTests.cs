using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Rapport.Tests.Cli;

/// <summary>
/// An import is one transaction even when DuckDB writes its rows ahead to the file or spills them to its temporary
/// directory under the bulk-import memory limit: a process killed in the middle leaves the store as it was.
/// </summary>
public sealed class SegmentImportCrashTests : IDisposable
{
    private const int Messages = 400_000;

    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task An_import_killed_midway_leaves_the_store_as_it_was_and_openable()
    {
        var db = _directory.File("rapport.duckdb");
        var first = _directory.File("first.jsonl");
        await File.WriteAllTextAsync(first, Track("kept-1", "anon-1") + Track("kept-2", "anon-2"), TestContext.Current.CancellationToken);
        Assert.Equal(0, (await RapportProcess.RunAsync(_directory.Path, "--db", db, "import", "segment", first)).ExitCode);

        var large = _directory.File("large.jsonl");
        await using (var writer = new StreamWriter(large, append: false, Encoding.UTF8))
        {
            for (var i = 0; i < Messages; i++)
            {
                await writer.WriteAsync(Track($"m-{i}", $"anon-{i % 50_000}"));
            }
        }

        using var import = Process.Start(RapportProcess.StartInfo(_directory.Path, ["--db", db, "import", "segment", large]))!;
        var killedAt = await KillWhenHalfReadAsync(import, large);

        Assert.InRange(killedAt, 0.5, 0.99);
        using var stats = JsonDocument.Parse((await RapportProcess.RunAsync(_directory.Path, "--db", db, "stats", "--json")).Output);
        Assert.Equal(2, stats.RootElement.GetProperty("activities").GetInt64());
        Assert.Equal(2, stats.RootElement.GetProperty("developers").GetInt64());
    }

    /// <summary>
    /// Waits until the process has read half of <paramref name="file"/> — past the first chunks written to DuckDB —
    /// then kills it with SIGKILL; returns the share of the file read by then. .NET reads files with positioned
    /// reads, which leave the descriptor's offset at 0, so the bytes the process has read (<c>rchar</c> in
    /// /proc/PID/io) tell how far it got; the store it reads besides is a few kilobytes.
    /// </summary>
    private static async Task<double> KillWhenHalfReadAsync(Process process, string file)
    {
        var size = new FileInfo(file).Length;
        var read = 0L;
        while (!process.HasExited && read < size / 2)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
            read = BytesRead(process.Id) ?? read;
        }

        Assert.False(process.HasExited, $"the import ended (exit code {(process.HasExited ? process.ExitCode : 0)}) before it could be killed");
        process.Kill();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (double)read / size;
    }

    private static long? BytesRead(int pid)
    {
        try
        {
            var rchar = File.ReadLines($"/proc/{pid}/io").First(line => line.StartsWith("rchar:", StringComparison.Ordinal));
            return long.Parse(rchar["rchar:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            // The process ended between the check and the read.
            return null;
        }
    }

    private static string Track(string messageId, string anonymousId) =>
        "{\"type\":\"track\",\"event\":\"Docs Viewed\",\"messageId\":\"" + messageId + "\",\"anonymousId\":\"" + anonymousId
        + "\",\"timestamp\":\"2026-03-02T09:00:00Z\",\"properties\":{\"path\":\"/docs/" + messageId
        + "\"},\"context\":{\"page\":{\"url\":\"https://example.com/docs\"}}}\n";

    public void Dispose() => _directory.Dispose();
}
