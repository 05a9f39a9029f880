using System.Text.Json;

namespace Rapport.Tests.Security;

/// <summary>
/// The CSV imports' limits (<c>Import:CsvMaxRowBytes</c>, <c>Import:CsvMaxFields</c>, <c>Import:CsvMaxRows</c>), set
/// low through the environment as an operator sets them: past each, <c>FILE:LINE: reason</c> and nothing stored.
/// </summary>
public sealed class CsvLimitTests : IDisposable
{
    private const string Header = "Ticket ID,Subject,Description,Requester Email,Created At,First Response At";

    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task One_row_more_than_the_limit_refuses_the_whole_file_even_when_invalid_rows_are_skipped()
    {
        var csv = await WriteAsync("tickets.csv", Header,
            "1,Rotate a key?,How?,ada@example.com,2026-03-01T10:00:00Z,",
            "2,Retry?,Does it?,grace@example.com,2026-03-02T10:00:00Z,",
            "3,Hello,Hi,ken@example.com,2026-03-03T10:00:00Z,");
        var limit = Limit("CSVMAXROWS", "2");

        var refused = await RunAsync(limit, "import", "questions", csv);
        var skipping = await RunAsync(limit, "import", "questions", csv, "--skip-invalid");
        var enough = await RunAsync(Limit("CSVMAXROWS", "3"), "import", "questions", csv);

        Assert.Equal((1, $"{csv}:4: the file has more than 2 rows, the most one import reads; split it into several files"), (refused.ExitCode, refused.Error.Trim()));
        Assert.Equal((1, refused.Error), (skipping.ExitCode, skipping.Error));
        Assert.Equal(0, enough.ExitCode);
        Assert.Matches(@"questions stored \(new\)\s*│\s*3", enough.Output);
    }

    [Fact]
    public async Task A_row_or_a_header_with_more_fields_than_the_limit_is_refused_on_its_line_and_nothing_is_stored()
    {
        var wide = await WriteAsync("wide.csv", Header,
            "1,Rotate a key?,How?,ada@example.com,2026-03-01T10:00:00Z,",
            "2,Retry?,Does it?,grace@example.com,2026-03-02T10:00:00Z,,extra,more");
        var members = await WriteAsync("members.csv", "email,name,company,tags", "ada@example.com,Ada,Acme,");
        var limit = Limit("CSVMAXFIELDS", "6");

        var row = await RunAsync(limit, "import", "questions", wide, "--skip-invalid");
        var header = await RunAsync(Limit("CSVMAXFIELDS", "3"), "import", "members", members);

        Assert.Equal((1, $"{wide}:3: the row has 8 fields, more than the 6 an import reads"), (row.ExitCode, row.Error.Trim()));
        Assert.Equal((1, $"{members}:1: the header names 4 columns, more than the 3 an import reads"), (header.ExitCode, header.Error.Trim()));
        Assert.Equal(0, await ActivitiesAsync());
    }

    [Fact]
    public async Task A_row_longer_than_the_limit_is_refused_on_its_line_and_nothing_is_stored()
    {
        var csv = await WriteAsync("long.csv", Header,
            "1,Rotate a key?,How?,ada@example.com,2026-03-01T10:00:00Z,",
            $"2,Retry?,{new string('x', 2000)},grace@example.com,2026-03-02T10:00:00Z,");

        var refused = await RunAsync(Limit("CSVMAXROWBYTES", "1024"), "import", "questions", csv);
        var bad = await RunAsync(Limit("CSVMAXROWBYTES", "12"), "import", "questions", csv);

        Assert.Equal((1, $"{csv}:3: a row is longer than 1 KiB (a quoted field never closed?)"), (refused.ExitCode, refused.Error.Trim()));
        Assert.Equal(0, await ActivitiesAsync());
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("Import:CsvMaxRowBytes must be a number of bytes from 1024 to 268435456 (256 MiB) (it is '12', environment variable RAPPORT__IMPORT__CSVMAXROWBYTES)",
            bad.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private static Dictionary<string, string> Limit(string name, string value) => new() { ["RAPPORT__IMPORT__" + name] = value };

    private async Task<string> WriteAsync(string name, params string[] lines)
    {
        var path = _directory.File(name);
        await File.WriteAllLinesAsync(path, lines, TestContext.Current.CancellationToken);
        return path;
    }

    private async Task<long> ActivitiesAsync()
    {
        var stats = await RapportProcess.RunAsync(_directory.Path, ["--db", _directory.File("rapport.duckdb"), "stats", "--json"]);
        Assert.Equal(0, stats.ExitCode);
        using var json = JsonDocument.Parse(stats.Output);
        return json.RootElement.GetProperty("activities").GetInt64();
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        RapportProcess.RunAsync(_directory.Path, environment, ["--db", _directory.File("rapport.duckdb"), .. arguments]);
}
