using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Rapport.Core.Webhooks;
using Rapport.Tests.Webhooks;

namespace Rapport.Tests.Web;

/// <summary><c>rapport serve</c> as a process delivers webhooks in the background: a lead refresh over HTTP reaches the receiver.</summary>
public sealed partial class WebhookServeTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();
    private WebhookReceiver _receiver = null!;

    public async ValueTask InitializeAsync()
    {
        _directory.AllowPrivateNetworkUrls();
        _receiver = await WebhookReceiver.StartAsync();
    }

    [Fact]
    public async Task New_leads_found_over_http_are_delivered_by_the_server_without_a_deliver_command()
    {
        var db = _directory.File("rapport.duckdb");
        Assert.Equal(0, (await RapportProcess.RunAsync(_directory.Path, "--db", db, "import", "segment",
            Path.Combine(AppContext.BaseDirectory, "TestData", "leads.jsonl"))).ExitCode);
        var key = KeyPattern().Match((await RapportProcess.RunAsync(_directory.Path, "--db", db, "keys", "create", "--scope", "admin")).Output).Value;
        var added = await RapportProcess.RunAsync(_directory.Path, "--db", db, "webhooks", "add", _receiver.Url(), "--events", "drql.created", "--format", "slack");
        var secret = SecretPattern().Match(added.Output).Value;
        // The receiver refuses the first delivery: the server retries it later, while the others go through.
        _receiver.AnswerWith(503);

        using var server = await RapportServerProcess.StartAsync(_directory.Path, "--db", db);
        using var http = new HttpClient { BaseAddress = server.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var refreshed = await http.PostAsync("/api/v1/leads/refresh", null, TestContext.Current.CancellationToken);
        await _receiver.WaitForAsync(3);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.All(_receiver.Received, received => Assert.True(WebhookSignature.Verify(secret, received.Body, received.Header(WebhookHeaders.Signature))));
        Assert.All(_receiver.Received, received => Assert.StartsWith("{\"text\":\"[default] New DevRel-qualified lead: ", received.Text, StringComparison.Ordinal));
        // The receiver has answered; the server records each answer just after.
        string?[] statuses = [];
        for (var wait = 0; wait < 100 && statuses is not ["delivered", "delivered", "pending"]; wait++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            using var log = JsonDocument.Parse(await http.GetStringAsync("/api/v1/webhooks/deliveries", TestContext.Current.CancellationToken));
            statuses = [.. log.RootElement.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("status").GetString()).Order(StringComparer.Ordinal)];
        }

        Assert.Equal(["delivered", "delivered", "pending"], statuses);
    }

    public async ValueTask DisposeAsync()
    {
        await _receiver.DisposeAsync();
        _directory.Dispose();
    }

    [GeneratedRegex("rpk_[A-Za-z0-9_-]{43}")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.Multiline)]
    private static partial Regex SecretPattern();
}
