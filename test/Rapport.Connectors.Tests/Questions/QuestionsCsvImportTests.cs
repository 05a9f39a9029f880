using System.Text.Json;
using Rapport.Connectors.Questions;
using Rapport.Connectors.Segment;
using Rapport.Core.Identities;
using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Connectors.Tests.Questions;

/// <summary>Questions CSVs read and imported into a real DuckDB store.</summary>
public sealed class QuestionsCsvImportTests : IAsyncLifetime
{
    private const string Zendesk = """"
        Ticket ID,Subject,Description,Requester,Requester Email,Created At,Tags,Status,First Response At,Via
        101,How do I rotate an API key?,"I tried the dashboard
        but the button is greyed out.",Ada Lovelace,ada@example.com,2026-03-01T10:00:00Z,auth api-keys,solved,2026-03-01T11:30:00Z,email
        102,SDK fails on Azure Functions,"Stack trace: ""NullReference""",Grace Hopper,grace@example.com,2026-03-02 09:15:00,"sdk, azure",open,,web
        103,Webhook retries?,How often are webhooks retried?,Ken,ken@example.com,2026-03-03T08:00:00+01:00,webhooks,open,,email
        """";

    private readonly string _directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rapport-tests", Guid.NewGuid().ToString("N"))).FullName;
    private IRapportStore _store = null!;
    private Workspace _workspace = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = RapportStore.Open(Path.Combine(_directory, "rapport.duckdb"), TimeProvider.System);
        _workspace = await _store.GetOrCreateWorkspaceAsync(Workspace.DefaultSlug, Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Default_header_names_map_a_Zendesk_export()
    {
        var rows = Read(Zendesk);

        Assert.Equal([2L, 4L, 5L], rows.Select(row => row.LineNumber));
        var first = rows[0].Message!;
        Assert.Equal("questions:email:101", first.MessageId);
        Assert.Equal("question.asked", first.ActivityType);
        Assert.Equal("email:ada@example.com", first.Primary.ToString());
        Assert.Equal(new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc), first.Timestamp);
        Assert.Equal([("name", "\"Ada Lovelace\"")], first.Traits.Select(t => (t.Key, t.ValueJson)));
        Assert.Equal("email", first.Context.Channel);
        using var properties = JsonDocument.Parse(first.PropertiesJson!);
        var p = properties.RootElement;
        Assert.Equal("101", p.GetProperty("questionId").GetString());
        Assert.Equal("How do I rotate an API key?", p.GetProperty("title").GetString());
        Assert.Equal("I tried the dashboard\nbut the button is greyed out.", p.GetProperty("body").GetString());
        Assert.Equal(["auth", "api-keys"], p.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("solved", p.GetProperty("status").GetString());
        Assert.True(p.GetProperty("answered").GetBoolean());
        Assert.Equal("2026-03-01T11:30:00Z", p.GetProperty("firstAnswerAt").GetString());
        Assert.Equal(5400, p.GetProperty("secondsToFirstAnswer").GetInt64());

        using var second = JsonDocument.Parse(rows[1].Message!.PropertiesJson!);
        Assert.Equal("Stack trace: \"NullReference\"", second.RootElement.GetProperty("body").GetString());
        Assert.Equal(["sdk", "azure"], second.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.False(second.RootElement.GetProperty("answered").GetBoolean());
        Assert.Equal(new DateTime(2026, 3, 2, 9, 15, 0, DateTimeKind.Utc), rows[1].Message!.Timestamp);
        Assert.Equal(new DateTime(2026, 3, 3, 7, 0, 0, DateTimeKind.Utc), rows[2].Message!.Timestamp);
    }

    [Fact]
    public void A_header_override_names_a_column_the_defaults_do_not_know()
    {
        var rows = Read("""
            Topic,Question text,Asked,Who,GitHub
            SDK,How do I retry?,2026-03-01,ada@example.com,Ada-L
            """, new Dictionary<string, string> { ["title"] = "Topic", ["body"] = "question text", ["created"] = "Asked", ["email"] = "Who" });

        var message = Assert.Single(rows).Message!;
        Assert.Equal(["email:ada@example.com", "github:ada-l"], message.Identities.Select(i => i.ToString()));
        using var properties = JsonDocument.Parse(message.PropertiesJson!);
        Assert.Equal("SDK", properties.RootElement.GetProperty("title").GetString());
        Assert.Equal("How do I retry?", properties.RootElement.GetProperty("body").GetString());
        Assert.False(properties.RootElement.TryGetProperty("answered", out _));
        Assert.StartsWith("questions:content:", message.MessageId);
    }

    [Fact]
    public void A_missing_required_column_says_which_header_names_were_accepted()
    {
        var error = Assert.Throws<ImportLineException>(() => Read("Subject,Email\nHello,ada@example.com\n"));

        Assert.Equal(
            "questions.csv:1: no column for created; looked for created, created_at, date, created_date, creation_date, submitted_at, opened_at, timestamp (name another with --column created=HEADER)",
            error.Message);
    }

    [Fact]
    public async Task A_bad_date_stops_the_import_at_its_line_and_stores_nothing()
    {
        var error = await Assert.ThrowsAsync<ImportLineException>(() => ImportAsync(Zendesk.Replace("2026-03-03T08:00:00+01:00", "yesterday"), skipInvalid: false));

        Assert.Equal("questions.csv:5: created \"yesterday\" is not a date or time (write it as ISO 8601, e.g. 2026-03-01T10:00:00Z)", error.Message);
        Assert.Equal(0, (await _store.GetStatsAsync(_workspace, Token)).Activities);
        Assert.Equal(0, (await _store.GetStatsAsync(_workspace, Token)).Developers);
    }

    [Fact]
    public async Task Skipping_invalid_rows_reports_them_by_line_and_imports_the_rest()
    {
        var rejected = new List<QuestionsCsvRow>();

        var summary = await ImportAsync(Zendesk.Replace("2026-03-02 09:15:00", "soon"), skipInvalid: true, rejected.Add);

        Assert.Equal([(4L, "created \"soon\" is not a date or time (write it as ISO 8601, e.g. 2026-03-01T10:00:00Z)")], rejected.Select(row => (row.LineNumber, row.Error)));
        Assert.Equal(2, summary.ActivitiesStored);
        var ada = await _store.FindMemberAsync(_workspace, Identity.Parse("email:ada@example.com"), Token);
        Assert.Equal("Ada Lovelace", ada!.Name);
        Assert.Null(await _store.FindMemberAsync(_workspace, Identity.Parse("email:grace@example.com"), Token));
    }

    [Fact]
    public async Task Importing_the_same_file_twice_stores_it_once()
    {
        await ImportAsync(Zendesk, skipInvalid: false);

        var again = await ImportAsync(Zendesk, skipInvalid: false);

        Assert.Equal(0, again.ActivitiesStored);
        Assert.Equal(3, again.DuplicatesSkipped);
        Assert.Equal(3, (await _store.GetStatsAsync(_workspace, Token)).Activities);
    }

    [Fact]
    public void A_stray_quote_and_an_empty_identity_are_reported_on_the_rows_first_line()
    {
        var rows = Read("""
            id,title,body,email,created
            1,"Two
            lines",ok,ada@example.com,2026-03-01
            2,bad "quote,x,ada@example.com,2026-03-01
            3,no one,x,,2026-03-01
            """);

        Assert.Equal(
            [(2L, null), (4L, "a quote inside a field that is not quoted (quote the field and double the quote)"), (5L, "no one asked it: the email, user id and platform columns are empty")],
            rows.Select(row => (row.LineNumber, row.Error)));
    }

    [Fact]
    public void A_row_over_the_size_limit_stops_the_read()
    {
        var csv = "id,title,email,created\n1,\"" + new string('x', 2 * QuestionsCsvReader.MaxRowBytes) + "\",ada@example.com,2026-03-01\n";

        var error = Assert.Throws<ImportLineException>(() => Read(csv));

        Assert.Equal("questions.csv:2: a row is longer than 4 MiB (a quoted field never closed?)", error.Message);
    }

    [Theory]
    [InlineData("sdk, azure", new[] { "sdk", "azure" })]
    [InlineData("auth api-keys", new[] { "auth", "api-keys" })]
    [InlineData("<c#><linq>", new[] { "c#", "linq" })]
    [InlineData("a|b;c", new[] { "a", "b", "c" })]
    [InlineData("", new string[0])]
    public void Tags_are_split_the_way_exports_write_them(string tags, string[] expected) =>
        Assert.Equal(expected, QuestionsCsvReader.ParseTags(tags));

    private static List<QuestionsCsvRow> Read(string csv, Dictionary<string, string>? overrides = null) =>
        [.. new QuestionsCsvReader(new StringReader(csv), overrides).ReadRows("questions.csv", Token)];

    private Task<Core.Ingest.IngestSummary> ImportAsync(string csv, bool skipInvalid, Action<QuestionsCsvRow>? onRejected = null) =>
        new QuestionsCsvImport(_store).ImportAsync(_workspace, new QuestionsCsvReader(new StringReader(csv)), "questions.csv", skipInvalid, onRejected, cancellationToken: Token);
}
