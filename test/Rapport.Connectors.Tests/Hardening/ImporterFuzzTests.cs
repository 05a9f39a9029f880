using System.Text;
using Rapport.Connectors.Feeds;
using Rapport.Connectors.Segment;
using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Connectors.Tests.Hardening;

/// <summary>
/// Thousands of random and mutated inputs (seeded, so every run is the same) fed to the Segment parser, the Segment
/// import into a real DuckDB store, and the feed reader: each must give a clean result or a clear format error — never
/// another exception, and an import that fails must have stored nothing.
/// </summary>
public sealed class ImporterFuzzTests : IAsyncLifetime
{
    private static readonly DateTime ReceivedAt = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    private static readonly string[] SegmentSeeds =
    [
        """{"type":"track","userId":"ada","event":"API Called","messageId":"m1","timestamp":"2026-03-01T10:00:00Z","properties":{"plan":"pro","n":3}}""",
        """{"type":"identify","userId":"ada","traits":{"email":"ada@analytical.io","name":"Ada","tags":["a","b"]},"messageId":"m2"}""",
        """{"type":"page","anonymousId":"d-1","context":{"page":{"url":"https://docs.example.com/x?y=1","referrer":"https://google.com"}},"messageId":"m3"}""",
        """{"type":"alias","previousId":"d-1","userId":"ada","messageId":"m4"}""",
        """{"type":"group","userId":"ada","groupId":"acme","traits":{"name":"Acme"},"messageId":"m5"}""",
    ];

    /// <summary>What a mutation inserts: the characters JSON and XML parsers care most about, and some that break encodings.</summary>
    private static readonly string[] Fragments =
        ["{", "}", "[", "]", "\"", ":", ",", "\\", "\\u00", "null", "1e999", "-", "<", ">", "&", "&amp;", "<!--", "]]>", "\u0000", "\uFFFF", "é", "\ud800", "<script>", "' OR 1=1 --"];

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
    public void Five_thousand_mutated_Segment_messages_parse_or_are_refused_with_a_format_error()
    {
        var random = new Random(20261130);
        var (parsed, refused) = (0, 0);
        for (var i = 0; i < 5000; i++)
        {
            var input = i % 10 == 0 ? RandomBytes(random) : Encoding.UTF8.GetBytes(Mutate(random, SegmentSeeds[random.Next(SegmentSeeds.Length)]));
            try
            {
                SegmentMessageParser.Parse(input, ReceivedAt);
                parsed++;
            }
            catch (SegmentFormatException)
            {
                refused++;
            }
            catch (Exception e)
            {
                Assert.Fail($"input {i} ({Encoding.UTF8.GetString(input)}) crashed the parser: {e}");
            }
        }

        // Both outcomes happen, so the mutations neither always break nor never touch the messages.
        Assert.True(parsed > 300 && refused > 300, $"{parsed} parsed, {refused} refused");
    }

    [Fact]
    public async Task Three_hundred_imports_with_a_mutated_line_store_everything_or_nothing()
    {
        var random = new Random(4242);
        var import = new SegmentImport(_store, TimeProvider.System);
        var (clean, refused) = (0, 0);
        for (var i = 0; i < 300; i++)
        {
            var lines = SegmentSeeds.Select(seed => seed.Replace("\"messageId\":\"m", $"\"messageId\":\"i{i}-m", StringComparison.Ordinal)).ToList();
            lines.Insert(random.Next(lines.Count + 1), Mutate(random, lines[random.Next(lines.Count)]).Replace("\n", " ", StringComparison.Ordinal));
            var before = await _store.CountStoredRowsAsync(_workspace, Token);
            try
            {
                await import.ImportAsync(_workspace, new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines))), "fuzz.jsonl",
                    skipInvalid: false, cancellationToken: Token);
                clean++;
            }
            catch (ImportLineException)
            {
                refused++;
                Assert.Equal(before, await _store.CountStoredRowsAsync(_workspace, Token));
            }
        }

        Assert.True(clean > 30 && refused > 30, $"{clean} clean imports, {refused} refused");
    }

    [Fact]
    public void Two_thousand_mutated_feeds_are_read_or_refused_with_a_format_error()
    {
        var random = new Random(777);
        var seeds = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "feeds"))
            .Where(file => Path.GetExtension(file) is ".rss" or ".atom" or ".xml" or ".rdf")
            .Select(File.ReadAllText).ToArray();
        Assert.True(seeds.Length >= 5, $"only {seeds.Length} seed feeds");
        var (read, refused) = (0, 0);
        for (var i = 0; i < 2000; i++)
        {
            var input = i % 10 == 0 ? RandomBytes(random) : Encoding.UTF8.GetBytes(Mutate(random, seeds[random.Next(seeds.Length)]));
            try
            {
                FeedReader.Read(new MemoryStream(input));
                read++;
            }
            catch (FeedFormatException)
            {
                refused++;
            }
            catch (Exception e)
            {
                Assert.Fail($"feed {i} crashed the reader: {e}");
            }
        }

        Assert.True(read > 200 && refused > 200, $"{read} read, {refused} refused");
    }

    [Fact]
    public void A_feed_with_an_external_entity_or_an_entity_bomb_is_refused_and_no_file_is_read()
    {
        var secret = Path.Combine(_directory, "secret.txt");
        File.WriteAllText(secret, "TOP-SECRET-CONTENT");
        string[] attacks =
        [
            $"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]><rss version="2.0"><channel><title>&xxe;</title><item><title>&xxe;</title></item></channel></rss>""",
            """<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><rss version="2.0"><channel><title>&c;</title></channel></rss>""",
        ];

        foreach (var attack in attacks)
        {
            var refused = Assert.Throws<FeedFormatException>(() => FeedReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(attack))));
            Assert.Contains("not well-formed XML", refused.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("TOP-SECRET", refused.Message, StringComparison.Ordinal);
        }
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 200)];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>One to three edits: insert a fragment, delete a span, flip a character, truncate, or repeat a span.</summary>
    private static string Mutate(Random random, string text)
    {
        var builder = new StringBuilder(text);
        for (var edits = random.Next(1, 4); edits > 0 && builder.Length > 0; edits--)
        {
            var at = random.Next(builder.Length);
            switch (random.Next(5))
            {
                case 0:
                    builder.Insert(at, Fragments[random.Next(Fragments.Length)]);
                    break;
                case 1:
                    builder.Remove(at, Math.Min(random.Next(1, 12), builder.Length - at));
                    break;
                case 2:
                    builder[at] = (char)random.Next(32, 127);
                    break;
                case 3:
                    builder.Length = at;
                    break;
                default:
                    var span = builder.ToString(at, Math.Min(random.Next(1, 30), builder.Length - at));
                    builder.Insert(at, span);
                    break;
            }
        }

        return builder.ToString();
    }
}
