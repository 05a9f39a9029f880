using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;
using Rapport.Core.ApiKeys;
using Rapport.Core.Webhooks;
using Rapport.Core.Workspaces;
using Rapport.Storage;
using Rapport.Tests.Webhooks;
using Rapport.Web;
using Rapport.Webhooks;

namespace Rapport.Tests.Security;

/// <summary>
/// Webhook targets and feed URLs on this machine or its private network are refused unless
/// <c>Security:AllowPrivateNetworkUrls</c> is on: when given (API, command line) and again at connect time.
/// </summary>
public sealed class PrivateNetworkUrlTests : IAsyncLifetime
{
    private const string Hint = "set Security:AllowPrivateNetworkUrls to true to allow addresses on private networks";

    private readonly TemporaryDirectory _directory = new();
    private IRapportStore _store = null!;
    private Workspace _workspace = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private string _admin = "";
    private bool _closed;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = RapportStore.Open(_directory.File("rapport.duckdb"), TimeProvider.System);
        _workspace = await _store.GetOrCreateWorkspaceAsync("default", Token);
        _admin = (await _store.CreateApiKeyAsync(_workspace, ApiKeyScope.Admin, "owner", Token)).Plaintext;
        _app = RapportWebHost.Build(_store, "default", "http://127.0.0.1:0", TimeProvider.System);
        await _app.StartAsync(Token);
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/hook", "127.0.0.1 is a loopback address")]
    [InlineData("http://localhost/hook", "localhost is a loopback name")]
    [InlineData("https://[::1]/hook", "::1 is a loopback address")]
    [InlineData("http://10.0.0.7/hook", "10.0.0.7 is a private (RFC 1918) address")]
    [InlineData("http://172.20.1.1/hook", "172.20.1.1 is a private (RFC 1918) address")]
    [InlineData("http://192.168.1.1/hook", "192.168.1.1 is a private (RFC 1918) address")]
    [InlineData("http://100.64.1.1/hook", "100.64.1.1 is a shared (carrier-grade NAT, 100.64.0.0/10) address")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address (where cloud metadata services answer)")]
    [InlineData("http://[fd00:ec2::254]/", "fd00:ec2::254 is a unique local (fc00::/7) address")]
    [InlineData("http://0.0.0.0/hook", "0.0.0.0 is an unspecified (0.0.0.0/8) address")]
    [InlineData("http://[::ffff:127.0.0.1]/hook", "::ffff:127.0.0.1 is a loopback address")]
    public async Task Adding_a_webhook_on_a_private_address_over_http_is_a_problem_and_adds_nothing(string url, string reason)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { url, events = new[] { "*" } }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _admin);
        using var response = await _http.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        Assert.Equal($"'{url}' is refused: {reason}; {Hint}", problem.RootElement.GetProperty("detail").GetString());
        Assert.Empty(await _store.ListWebhookSubscriptionsAsync(_workspace, Token));
    }

    [Fact]
    public async Task The_command_line_refuses_a_private_webhook_target_and_a_loopback_feed_and_writes_nothing()
    {
        await _app.StopAsync(Token);
        await _store.DisposeAsync();
        _closed = true;
        var db = _directory.File("rapport.duckdb");

        var webhook = await RapportProcess.RunAsync(_directory.Path, "--db", db, "webhooks", "add", "http://10.1.2.3/hook", "--events", "*");
        var feed = await RapportProcess.RunAsync(_directory.Path, "--db", db, "import", "feed", "http://127.0.0.1:9/feed.xml");
        var webhooks = await RapportProcess.RunAsync(_directory.Path, "--db", db, "webhooks", "list", "--json");
        var content = await RapportProcess.RunAsync(_directory.Path, "--db", db, "content", "list", "--json");

        Assert.NotEqual(0, webhook.ExitCode);
        Assert.Contains($"'http://10.1.2.3/hook' is refused: 10.1.2.3 is a private (RFC 1918) address; {Hint}", webhook.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, feed.ExitCode);
        Assert.Contains($"'http://127.0.0.1:9/feed.xml' is refused: 127.0.0.1 is a loopback address; {Hint}", feed.Error, StringComparison.Ordinal);
        Assert.Equal(0, JsonDocument.Parse(webhooks.Output).RootElement.GetArrayLength());
        Assert.Equal(0, JsonDocument.Parse(content.Output).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task A_delivery_to_a_name_that_resolves_to_loopback_is_refused_at_connect_time_and_never_reaches_the_receiver()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // Stored directly, as a subscription made while private networks were allowed (or a name that resolved
        // elsewhere when it was added) would be.
        var target = receiver.Url().Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        var created = await _store.AddWebhookSubscriptionAsync(_workspace, target, ["*"], WebhookFormat.Json, Token);
        var ping = await _store.AddWebhookPingAsync(_workspace, created.Subscription.Id, Token);
        using var http = WebhookDeliverer.CreateHttpClient(allowPrivateNetwork: false);
        var deliverer = new WebhookDeliverer(_store, http, TimeProvider.System, new WebhookDeliveryOptions(), NullLogger.Instance);

        var (attempt, _) = (await deliverer.DeliverNowAsync(_workspace, ping!.Value, Token))!.Value;

        Assert.False(attempt.Succeeded);
        Assert.Null(attempt.StatusCode);
        Assert.Contains("refused to connect to localhost: it resolves to ", attempt.Error, StringComparison.Ordinal);
        Assert.Contains("a loopback address", attempt.Error, StringComparison.Ordinal);
        Assert.Empty(receiver.Received);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        if (!_closed)
        {
            await _store.DisposeAsync();
        }

        _directory.Dispose();
    }
}
