using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Rapport.Configuration;
using Rapport.Connectors.Segment;
using Rapport.Core.ApiKeys;

namespace Rapport.Tests.Web;

/// <summary>
/// <c>/api/v1/leads</c> and <c>/api/v1/webhooks</c> through real Kestrel (<see cref="ApiServer"/>), over a DuckDB file
/// holding <c>TestData/leads.jsonl</c>, called with API keys of each scope.
/// </summary>
public sealed class LeadAndWebhookApiTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await ApiServer.StartAsync("acme", settings: new RapportSettings { Security = { AllowPrivateNetworkUrls = true } });
        await using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "TestData", "leads.jsonl"));
        await new SegmentImport(_server.Store, TimeProvider.System).ImportAsync(_server.Workspace, file, "leads.jsonl", skipInvalid: false, cancellationToken: Token);
    }

    [Fact]
    public async Task Leads_are_refreshed_listed_and_handed_off_over_http_as_on_the_command_line()
    {
        using var refreshed = await SendAsync(HttpMethod.Post, "/api/v1/leads/refresh", _server.AdminKey);
        using var changed = await SendAsync(HttpMethod.Patch, "/api/v1/leads/2", _server.AdminKey, new { status = "handed_off", note = "Intro to Sam" });
        using var listed = await SendAsync(HttpMethod.Get, "/api/v1/leads?status=handed_off", _server.ReadKey);
        using var one = await SendAsync(HttpMethod.Get, "/api/v1/leads/2", _server.ReadKey);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        using var result = await JsonAsync(refreshed);
        Assert.Equal(3, result.RootElement.GetProperty("qualifying").GetInt32());
        Assert.Equal(["developer:user:solo", "organization:acme.io", "organization:globex"],
            result.RootElement.GetProperty("created").EnumerateArray().Select(lead => lead.GetProperty("key").GetString()));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        using var lead = await JsonAsync(one);
        Assert.Equal(("handed_off", "Intro to Sam", $"key:{_server.AdminKey[..12]}"),
            (lead.RootElement.GetProperty("status").GetString(), lead.RootElement.GetProperty("note").GetString(), lead.RootElement.GetProperty("statusChangedBy").GetString()));
        using var filtered = await JsonAsync(listed);
        Assert.Equal([2], filtered.RootElement.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("id").GetInt32()));
        Assert.Equal(
            JsonSerializer.Serialize(await _server.Store.GetLeadAsync(_server.Workspace, 2, Token), Core.RapportJson.Options),
            lead.RootElement.GetRawText());
    }

    [Fact]
    public async Task The_csv_export_and_the_criteria_are_there_for_a_read_key()
    {
        await _server.Store.RefreshLeadsAsync(_server.Workspace, Token);

        using var csv = await SendAsync(HttpMethod.Get, "/api/v1/leads/export.csv", _server.ReadKey);
        using var criteria = await SendAsync(HttpMethod.Get, "/api/v1/leads/criteria", _server.ReadKey);

        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var rows = (await csv.Content.ReadAsStringAsync(Token)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, rows.Length);
        Assert.StartsWith("id,name,kind,status,", rows[0], StringComparison.Ordinal);
        Assert.Equal(Core.Leads.LeadCriteria.Default.ToJson(), await criteria.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task Criteria_in_a_bad_body_are_refused_with_the_line_and_an_owner_s_key_sets_good_ones()
    {
        using var bad = await SendAsync(HttpMethod.Put, "/api/v1/leads/criteria", _server.AdminKey, rawJson: "{\n  \"rules\": [\n    {\"developers\": 0, \"stage\": \"build\"}]\n}");
        using var good = await SendAsync(HttpMethod.Put, "/api/v1/leads/criteria", _server.AdminKey, rawJson: """{"rules": [{"developers": 2, "stage": "build"}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        using var problem = await JsonAsync(bad);
        Assert.Equal(3, problem.RootElement.GetProperty("line").GetInt32());
        Assert.Equal("line 3: \"developers\" must be a whole number of at least 1", problem.RootElement.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(2, (await _server.Store.GetLeadCriteriaAsync(_server.Workspace, Token)).Rules[0].Developers);
    }

    [Fact]
    public async Task Webhooks_are_added_tested_listed_and_removed_by_an_admin_key()
    {
        await using var receiver = await Webhooks.WebhookReceiver.StartAsync();

        using var added = await SendAsync(HttpMethod.Post, "/api/v1/webhooks", _server.AdminKey, new { url = receiver.Url(), events = new[] { "drql.created" }, format = "slack" });
        using var tested = await SendAsync(HttpMethod.Post, "/api/v1/webhooks/1/test", _server.AdminKey);
        using var listed = await SendAsync(HttpMethod.Get, "/api/v1/webhooks", _server.AdminKey);
        using var log = await SendAsync(HttpMethod.Get, "/api/v1/webhooks/deliveries?status=delivered", _server.AdminKey);
        using var removed = await SendAsync(HttpMethod.Delete, "/api/v1/webhooks/1", _server.AdminKey);
        using var removedAgain = await SendAsync(HttpMethod.Delete, "/api/v1/webhooks/1", _server.AdminKey);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal("/api/v1/webhooks/1", added.Headers.Location?.OriginalString);
        using var created = await JsonAsync(added);
        var secret = created.RootElement.GetProperty("secret").GetString()!;
        Assert.Equal("slack", created.RootElement.GetProperty("subscription").GetProperty("format").GetString());
        using var test = await JsonAsync(tested);
        Assert.Equal((true, true, 200), (test.RootElement.GetProperty("sent").GetBoolean(), test.RootElement.GetProperty("delivered").GetBoolean(),
            test.RootElement.GetProperty("statusCode").GetInt32()));
        var ping = Assert.Single(receiver.Received);
        Assert.True(Core.Webhooks.WebhookSignature.Verify(secret, ping.Body, ping.Header("X-Rapport-Signature-256")));
        Assert.Equal(test.RootElement.GetProperty("deliveryId").GetString(), ping.Header("X-Rapport-Delivery"));
        Assert.DoesNotContain(secret, await listed.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        using var deliveries = await JsonAsync(log);
        Assert.Equal("ping", Assert.Single(deliveries.RootElement.GetProperty("items").EnumerateArray()).GetProperty("event").GetString());
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, removedAgain.StatusCode);
    }

    [Fact]
    public async Task A_webhook_to_a_url_that_is_not_http_is_a_bad_request_and_nothing_is_stored()
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/v1/webhooks", _server.AdminKey, new { url = "file:///etc/passwd", events = new[] { "drql.created" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = await JsonAsync(response);
        Assert.Equal("'file:///etc/passwd' is a file URL; webhooks are delivered to http or https URLs only", problem.RootElement.GetProperty("detail").GetString());
        Assert.Empty(await _server.Store.ListWebhookSubscriptionsAsync(_server.Workspace, Token));
    }

    [Theory]
    [InlineData("GET", "/api/v1/leads", "none", HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/v1/leads", "ingest", HttpStatusCode.Forbidden)]
    [InlineData("GET", "/api/v1/leads", "read", HttpStatusCode.OK)]
    [InlineData("GET", "/api/v1/leads?workspace=other", "admin", HttpStatusCode.Forbidden)]
    [InlineData("POST", "/api/v1/leads/refresh", "read", HttpStatusCode.Forbidden)]
    [InlineData("PATCH", "/api/v1/leads/1", "read", HttpStatusCode.Forbidden)]
    [InlineData("PUT", "/api/v1/leads/criteria", "read", HttpStatusCode.Forbidden)]
    [InlineData("GET", "/api/v1/webhooks", "read", HttpStatusCode.Forbidden)]
    [InlineData("GET", "/api/v1/webhooks/deliveries", "none", HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/v1/webhooks", "revoked", HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/v1/webhooks", "admin", HttpStatusCode.OK)]
    public async Task Each_endpoint_needs_a_key_whose_scope_allows_it(string method, string path, string key, HttpStatusCode expected)
    {
        var revoked = await _server.Store.CreateApiKeyAsync(_server.Workspace, ApiKeyScope.Admin, "old", Token);
        await _server.Store.RevokeApiKeyAsync(_server.Workspace, revoked.Key.Prefix, Token);
        var plaintext = key switch
        {
            "read" => _server.ReadKey,
            "admin" => _server.AdminKey,
            "ingest" => _server.IngestKey,
            "revoked" => revoked.Plaintext,
            _ => null,
        };

        using var response = await SendAsync(new HttpMethod(method), path, plaintext, method is "PATCH" ? new { status = "accepted" } : null,
            method is "PUT" ? """{"rules": [{"developers": 1, "stage": "discover"}]}""" : null);

        Assert.Equal(expected, response.StatusCode);
        if (expected != HttpStatusCode.OK)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(Core.Leads.LeadCriteria.Default, await _server.Store.GetLeadCriteriaAsync(_server.Workspace, Token));
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, object? json = null, string? rawJson = null) =>
        _server.SendAsync(method, path, key, rawJson, json is null ? null : request => request.Content = JsonContent.Create(json));

    private static Task<JsonDocument> JsonAsync(HttpResponseMessage response) => ApiServer.JsonAsync(response);
}
