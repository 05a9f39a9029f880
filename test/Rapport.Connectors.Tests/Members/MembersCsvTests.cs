using System.Text;
using Rapport.Connectors.Members;
using Rapport.Connectors.Segment;
using Rapport.Core.Identities;
using Rapport.Core.Ingest;
using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Connectors.Tests.Members;

/// <summary>Members CSVs read, imported into and exported from real DuckDB stores.</summary>
public sealed class MembersCsvTests : IAsyncLifetime
{
    private static readonly DateTime ImportedAt = new(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc);

    private readonly string _directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rapport-tests", Guid.NewGuid().ToString("N"))).FullName;
    private readonly List<IRapportStore> _stores = [];
    private IRapportStore _store = null!;
    private Workspace _workspace = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => (_store, _workspace) = await OpenAsync("rapport.duckdb");

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void A_CRM_export_s_headers_map_to_identities_standard_traits_other_traits_and_tags()
    {
        var rows = Read("""
            Email,GitHub,User ID,First Name,Last Name,Company,Plan,Seats,Tags
            ada@analytical.io; ada.lovelace@gmail.com,ada-l,42,Ada,Lovelace,Analytical Engines,pro,12,"champion; Speaker"
            """);

        var message = Assert.Single(rows).Message!;
        Assert.Equal(["user:42", "email:ada@analytical.io", "email:ada.lovelace@gmail.com", "github:ada-l"], message.Identities.Select(i => i.ToString()));
        Assert.Equal(Identity.Parse("user:42"), message.Primary);
        Assert.Equal(MessageKind.Identify, message.Kind);
        Assert.Equal(ImportedAt, message.Timestamp);
        Assert.Equal(
            [("firstName", "\"Ada\""), ("lastName", "\"Lovelace\""), ("company", "\"Analytical Engines\""), ("Plan", "\"pro\""), ("Seats", "12")],
            message.Traits.Select(trait => (trait.Key, trait.ValueJson)));
        Assert.Equal(["champion", "speaker"], message.Tags);
        Assert.StartsWith("members-csv:content:", message.MessageId, StringComparison.Ordinal);
        Assert.Equal("members-csv", message.Source);
    }

    [Fact]
    public void Quoted_commas_and_line_breaks_keep_their_rows_and_line_numbers()
    {
        var rows = Read(""""
            email,name,bio
            ada@analytical.io,"Lovelace, Ada","Wrote the first
            program"
            grace@navy.mil,"Hopper, Grace ""Amazing Grace""",Admiral
            """");

        Assert.Equal([2L, 4L], rows.Select(row => row.LineNumber));
        Assert.Equal("\"Lovelace, Ada\"", rows[0].Message!.Traits[0].ValueJson);
        Assert.Equal("\"Wrote the first\\nprogram\"", rows[0].Message!.Traits[1].ValueJson);
        Assert.Equal("\"Hopper, Grace \\u0022Amazing Grace\\u0022\"", rows[1].Message!.Traits[0].ValueJson);
    }

    [Fact]
    public async Task A_byte_order_mark_before_the_header_is_not_part_of_the_first_column_s_name()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("email,name\nada@analytical.io,Ada Lovelace\n")).ToArray();
        var path = Path.Combine(_directory, "excel.csv");
        await File.WriteAllBytesAsync(path, bytes, Token);
        using var text = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);

        var row = Assert.Single(new MembersCsvReader(text, ImportedAt).ReadRows("excel.csv", Token).ToList());

        Assert.Equal("email:ada@analytical.io", row.Message!.Primary.ToString());
        Assert.Equal([("name", "\"Ada Lovelace\"")], row.Message.Traits.Select(trait => (trait.Key, trait.ValueJson)));
    }

    [Fact]
    public void A_header_without_an_identity_column_stops_at_line_one()
    {
        var error = Assert.Throws<ImportLineException>(() => Read("name,company\nAda,Analytical Engines"));

        Assert.Equal(1, error.Line);
        Assert.StartsWith("members.csv:1: no column names an identity; the header needs one of email, user_id, anonymous_id, github", error.Message);
    }

    [Theory]
    [InlineData("email,E-Mail\na@x.io,b@x.io", "members.csv:1: the header names 'email' and 'E-Mail', which are one column")]
    [InlineData("email,,name\na@x.io,,Ada", "members.csv:1: column 2 has no name; every column needs a header")]
    [InlineData("identity:bad kind\nx", "members.csv:1: column 'identity:bad kind': identity kind 'bad kind' must be a word of letters, digits, '-', '_' or '.'")]
    public void A_header_that_cannot_be_read_stops_at_line_one(string csv, string message)
    {
        Assert.Equal(message, Assert.Throws<ImportLineException>(() => Read(csv)).Message);
    }

    [Fact]
    public void Bad_rows_say_why_on_the_line_they_start_on()
    {
        var rows = Read("""
            email,github,tags,name
            not-an-address,,,Ada
            ,,,Nobody
            grace@navy.mil,,"has space",Grace
            ken@bell-labs.com,ken,,Ken,extra
            dmr@bell-labs.com,dmr
            """);

        Assert.Equal(
            [
                (2L, "email: 'not-an-address' is not an email address"),
                (3L, "the row names no identity: fill in at least one of email, github"),
                (4L, "tags: 'has space' is not a tag: use up to 64 letters, digits, '-', '_', '.' or ':'"),
                (5L, "the row has 5 values but the header names 4 columns (a comma in a value that is not quoted?)"),
            ],
            rows.Where(row => row.Error is not null).Select(row => (row.LineNumber, row.Error!)));
        Assert.Equal(["email:dmr@bell-labs.com", "github:dmr"], rows[^1].Message!.Identities.Select(i => i.ToString()));
    }

    [Fact]
    public async Task A_bad_row_stops_the_import_with_its_line_and_stores_nothing_unless_told_to_skip()
    {
        const string csv = """
            email,name
            ada@analytical.io,Ada Lovelace
            grace.navy.mil,Grace Hopper
            ken@bell-labs.com,Ken Thompson
            """;

        var error = await Assert.ThrowsAsync<ImportLineException>(() => ImportAsync(csv, skipInvalid: false));
        Assert.Equal("members.csv:3: email: 'grace.navy.mil' is not an email address", error.Message);
        Assert.Equal(0, (await _store.GetStatsAsync(_workspace, Token)).Developers);

        var rejected = new List<long>();
        var summary = await ImportAsync(csv, skipInvalid: true, rejected.Add);
        Assert.Equal([3L], rejected);
        Assert.Equal((2L, 2L), (summary.ProfileUpdatesStored, summary.MembersCreated));
    }

    [Fact]
    public async Task Importing_the_same_file_again_stores_nothing_twice_and_rows_of_one_person_make_one_developer()
    {
        const string csv = """
            email,github,name,tags
            ada@analytical.io,,Ada Lovelace,champion
            ada@analytical.io,ada-l,,speaker
            grace@navy.mil,,Grace Hopper,
            """;

        var first = await ImportAsync(csv, skipInvalid: false);
        var second = await ImportAsync(csv, skipInvalid: false);

        Assert.Equal((3L, 2L, 3L), (first.ProfileUpdatesStored, first.MembersCreated, first.IdentitiesAdded));
        Assert.Equal((0L, 3L, 0L), (second.ProfileUpdatesStored, second.DuplicatesSkipped, second.IdentitiesAdded));
        var ada = await _store.FindMemberAsync(_workspace, Identity.Parse("github:ada-l"), Token);
        Assert.Equal(["email:ada@analytical.io", "github:ada-l"], ada!.Identities);
        Assert.Equal("Ada Lovelace", ada.Name);
        Assert.Equal(["champion", "speaker"], await _store.ListMemberTagsAsync(_workspace, ada.Id, Token));
        Assert.Equal(2, (await _store.GetStatsAsync(_workspace, Token)).Developers);
    }

    [Fact]
    public async Task An_export_imported_into_an_empty_store_exports_the_same_developers()
    {
        await using (var session = await _store.BeginIngestAsync(_workspace, Token))
        {
            await session.AddAsync(
            [
                .. new[]
                {
                    """{"type":"identify","userId":"42","messageId":"1","timestamp":"2026-03-01T10:00:00Z","traits":{"name":"Ada Lovelace","email":"ada@analytical.io","github":"ada-l","company":"Analytical Engines","logins":3,"address":{"city":"London"},"first_name":"Ada","motto":"=1+1"}}""",
                    """{"type":"identify","userId":"42","messageId":"2","timestamp":"2026-03-01T11:00:00Z","traits":{"email":"ada.lovelace@gmail.com","stackoverflow":"1234"}}""",
                    """{"type":"track","userId":"42","event":"API Called","messageId":"3","timestamp":"2026-03-02T10:00:00Z"}""",
                    """{"type":"identify","anonymousId":"device-9","messageId":"4","timestamp":"2026-03-01T10:00:00Z","traits":{"email":"583231+octocat@users.noreply.github.com","name":"Mona, the Octocat"}}""",
                    """{"type":"page","anonymousId":"visitor-1","messageId":"5","timestamp":"2026-03-03T10:00:00Z"}""",
                }.Select(json => SegmentMessageParser.Parse(Encoding.UTF8.GetBytes(json), ImportedAt)),
            ], Token);
            await session.CommitAsync(Token);
        }

        var ada = await _store.FindMemberAsync(_workspace, Identity.Parse("user:42"), Token);
        await _store.SetMemberTagAsync(_workspace, ada!.Id, "champion", tagged: true, Token);
        await _store.SetMemberTagAsync(_workspace, ada.Id, "icp:fintech", tagged: true, Token);

        var exported = await ExportAsync(_store, _workspace);
        var (copy, copyWorkspace) = await OpenAsync("copy.duckdb");
        await new MembersCsvImport(copy).ImportAsync(copyWorkspace, new MembersCsvReader(new StringReader(exported), ImportedAt), "members.csv",
            skipInvalid: false, cancellationToken: Token);
        var reexported = await ExportAsync(copy, copyWorkspace);

        var lines = exported.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            "user_id,email,github,stackoverflow,anonymous_id,name,company,organization,tags,stage,address,trait:first_name,logins,motto",
            lines[0]);
        Assert.Equal(
            "42,ada@analytical.io; ada.lovelace@gmail.com,ada-l,1234,,Ada Lovelace,Analytical Engines,Analytical Engines,champion; icp:fintech,build,\"{\"\"city\"\":\"\"London\"\"}\",Ada,3,\"'=1+1\"",
            lines[1]);
        Assert.Equal(",583231+octocat@users.noreply.github.com,octocat,,device-9,\"Mona, the Octocat\",,,,,,,,", lines[2]);
        Assert.Equal(",,,,visitor-1,,,,,discover,,,,", lines[3]);
        Assert.Equal(4, lines.Length);
        // Stages come from activities, which the members file does not carry; everything else is the same.
        Assert.Equal(WithoutStages(exported), WithoutStages(reexported));
        Assert.Equal(",,,,visitor-1,,,,,,,,,", reexported.Split("\r\n")[3]);
        var copied = await copy.FindMemberAsync(copyWorkspace, Identity.Parse("github:ada-l"), Token);
        Assert.Equal(["champion", "icp:fintech"], await copy.ListMemberTagsAsync(copyWorkspace, copied!.Id, Token));
        Assert.Equal(System.Text.Json.JsonValueKind.Number, copied.Traits["logins"].ValueKind);
        Assert.Equal("London", copied.Traits["address"].GetProperty("city").GetString());
    }

    private static string WithoutStages(string csv) =>
        string.Join('\n', csv.Split("\r\n").Select(line => System.Text.RegularExpressions.Regex.Replace(line, "^((?:[^,\"]*|\"(?:[^\"]|\"\")*\"),){9}[^,]*", m => m.Value[..m.Value.LastIndexOf(',')] + ",")));

    private async Task<(IRapportStore, Workspace)> OpenAsync(string file)
    {
        var store = RapportStore.Open(Path.Combine(_directory, file), TimeProvider.System);
        _stores.Add(store);
        return (store, await store.GetOrCreateWorkspaceAsync(Workspace.DefaultSlug, Token));
    }

    private static async Task<string> ExportAsync(IRapportStore store, Workspace workspace)
    {
        using var text = new StringWriter();
        await new MembersCsvExport(store).ExportAsync(workspace, text, cancellationToken: Token);
        return text.ToString();
    }

    private Task<IngestSummary> ImportAsync(string csv, bool skipInvalid, Action<long>? rejected = null) =>
        new MembersCsvImport(_store).ImportAsync(_workspace, new MembersCsvReader(new StringReader(csv), ImportedAt), "members.csv", skipInvalid,
            row => rejected?.Invoke(row.LineNumber), cancellationToken: Token);

    private static List<MembersCsvRow> Read(string csv) =>
        [.. new MembersCsvReader(new StringReader(csv), ImportedAt).ReadRows("members.csv", Token)];
}
