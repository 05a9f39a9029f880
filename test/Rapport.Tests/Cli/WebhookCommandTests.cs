using System.Text.Json;
using System.Text.RegularExpressions;
using Rapport.Core.Webhooks;
using Rapport.Tests.Webhooks;

namespace Rapport.Tests.Cli;

/// <summary><c>rapport webhooks</c> run as a process on a real DuckDB file, delivering to a real receiver on 127.0.0.1.</summary>
public sealed partial class WebhookCommandTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();
    private WebhookReceiver _receiver = null!;

    public async ValueTask InitializeAsync()
    {
        _directory.AllowPrivateNetworkUrls();
        _receiver = await WebhookReceiver.StartAsync();
    }

    [Fact]
    public async Task Add_prints_the_secret_once_and_deliver_sends_new_leads_signed_with_it()
    {
        Assert.Equal(0, (await RunAsync("import", "segment", Path.Combine(AppContext.BaseDirectory, "TestData", "leads.jsonl"))).ExitCode);

        var added = await RunAsync("webhooks", "add", _receiver.Url(), "--events", "drql.created,member.stalled");
        var listed = await RunAsync("webhooks", "list", "--json");
        await RunAsync("leads", "refresh");
        var delivered = await RunAsync("webhooks", "deliver");
        var log = await RunAsync("webhooks", "deliveries", "--json");

        Assert.True(added.ExitCode == 0, added.Error);
        var secret = Assert.Single(SecretPattern().Matches(added.Output)).Value;
        Assert.DoesNotContain(secret, listed.Output + log.Output, StringComparison.Ordinal);
        using (var subscriptions = JsonDocument.Parse(listed.Output))
        {
            var subscription = Assert.Single(subscriptions.RootElement.EnumerateArray());
            Assert.Equal((1, _receiver.Url(), "json"), (subscription.GetProperty("id").GetInt32(), subscription.GetProperty("url").GetString(), subscription.GetProperty("format").GetString()));
            Assert.Equal(["member.stalled", "drql.created"], subscription.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        }

        Assert.Contains("3 due: 3 delivered, 0 to retry later, 0 failed for good.", delivered.Output, StringComparison.Ordinal);
        Assert.Equal(3, _receiver.Received.Count);
        Assert.All(_receiver.Received, received => Assert.True(WebhookSignature.Verify(secret, received.Body, received.Header(WebhookHeaders.Signature))));
        Assert.Equal(["developer:user:solo", "organization:acme.io", "organization:globex"], _receiver.Received
            .Select(received => JsonDocument.Parse(received.Body).RootElement.GetProperty("data").GetProperty("lead").GetProperty("key").GetString())
            .Order(StringComparer.Ordinal));
        using var deliveries = JsonDocument.Parse(log.Output);
        Assert.All(deliveries.RootElement.EnumerateArray(), delivery =>
        {
            Assert.Equal(("delivered", 1), (delivery.GetProperty("status").GetString(), delivery.GetProperty("attempts").GetInt32()));
            Assert.Equal(200, delivery.GetProperty("attemptLog")[0].GetProperty("statusCode").GetInt32());
        });
    }

    [Fact]
    public async Task Test_sends_a_ping_now_and_says_when_the_receiver_refused_it()
    {
        await RunAsync("webhooks", "add", _receiver.Url("slack"), "--events", "*", "--format", "slack");
        _receiver.AnswerWith(200, 410);

        var ok = await RunAsync("webhooks", "test", "1");
        var refused = await RunAsync("webhooks", "test", "1");
        var pending = await RunAsync("webhooks", "deliveries", "--status", "pending");

        Assert.True(ok.ExitCode == 0, ok.Error);
        Assert.Matches("Delivered ping [0-9a-f-]{36}: HTTP 200 in [0-9]+ ms", ok.Output);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("was not delivered: HTTP 410 Gone: receiver says no second line; it will be retried", refused.Error, StringComparison.Ordinal);
        Assert.Equal(2, _receiver.Received.Count);
        Assert.StartsWith("{\"text\":\"[default] Rapport webhook test", _receiver.Received[0].Text, StringComparison.Ordinal);
        Assert.Contains("ping", pending.Output, StringComparison.Ordinal);
        Assert.Contains("410", pending.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_cancels_the_subscription_and_an_unknown_one_is_an_error()
    {
        await RunAsync("webhooks", "add", _receiver.Url(), "--events", "drql.created");

        var removed = await RunAsync("webhooks", "remove", "1");
        var again = await RunAsync("webhooks", "remove", "1");
        var test = await RunAsync("webhooks", "test", "1");
        var listed = await RunAsync("webhooks", "list", "--json");

        Assert.True(removed.ExitCode == 0, removed.Error);
        Assert.Equal((1, "rapport: workspace 'default' has no webhook 1; rapport webhooks list shows them"), (again.ExitCode, again.Error.Trim()));
        Assert.Equal(1, test.ExitCode);
        Assert.Equal("[]", listed.Output.Trim());
        Assert.Empty(_receiver.Received);
    }

    [Theory]
    [InlineData("ftp://files.example.com/hook", "drql.created", "rapport: 'ftp://files.example.com/hook' is a ftp URL; webhooks are delivered to http or https URLs only")]
    [InlineData("https://hooks.example.com", "drql.sold", "rapport: 'drql.sold' is not an event Rapport sends; subscribe to member.stalled, member.level_changed, outreach.created, drql.created, community.pulse_lapsed or * for all of them")]
    public async Task Add_refuses_a_url_that_is_not_http_or_an_unknown_event_and_stores_nothing(string url, string events, string error)
    {
        await RunAsync("webhooks", "add", "https://first.example.com/", "--events", "drql.created");

        var added = await RunAsync("webhooks", "add", url, "--events", events);

        Assert.Equal((1, error), (added.ExitCode, added.Error.Trim()));
        using var listed = JsonDocument.Parse((await RunAsync("webhooks", "list", "--json")).Output);
        Assert.Equal(1, listed.RootElement.GetArrayLength());
    }

    public async ValueTask DisposeAsync()
    {
        await _receiver.DisposeAsync();
        _directory.Dispose();
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        RapportProcess.RunAsync(_directory.Path, ["--db", _directory.File("rapport.duckdb"), .. arguments]);

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.Multiline)]
    private static partial Regex SecretPattern();
}
