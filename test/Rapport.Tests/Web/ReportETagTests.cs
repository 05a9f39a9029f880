using System.Net;

namespace Rapport.Tests.Web;

/// <summary>Reports carry a weak ETag from the store's change marker; a client holding the current one gets a 304.</summary>
public sealed class ReportETagTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await ApiServer.StartAsync();
        await _server.ImportAsync("""{"type":"track","userId":"ada","event":"API Called","messageId":"1","timestamp":"2026-03-05T10:00:00Z"}""");
    }

    [Theory]
    [InlineData("/api/v1/reports/funnel")]
    [InlineData("/api/v1/reports/levels")]
    [InlineData("/api/v1/reports/channels")]
    [InlineData("/api/v1/reports/events")]
    [InlineData("/api/v1/reports/docs-gaps")]
    public async Task A_report_is_not_sent_again_while_nothing_changed_and_is_after_a_write(string path)
    {
        using var first = await _server.GetAsync(path);
        var tag = first.Headers.ETag!;
        using var unchanged = await SendIfNoneMatchAsync(path, tag.ToString());
        await _server.ImportAsync("""{"type":"track","userId":"bob","event":"Signed Up","messageId":"2","timestamp":"2026-03-06T10:00:00Z"}""");
        using var changed = await SendIfNoneMatchAsync(path, tag.ToString());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(tag.IsWeak);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal("", await unchanged.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(tag, unchanged.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(tag, changed.Headers.ETag);
    }

    [Fact]
    public async Task Another_query_or_csv_is_another_tag()
    {
        using var all = await _server.GetAsync("/api/v1/reports/funnel");
        using var march = await _server.GetAsync("/api/v1/reports/funnel?from=2026-03-01");
        using var json = await _server.GetAsync("/api/v1/reports/channels");
        using var csv = await _server.GetAsync("/api/v1/reports/channels?format=csv");
        using var stale = await SendIfNoneMatchAsync("/api/v1/reports/funnel?from=2026-03-01", all.Headers.ETag!.ToString());

        Assert.NotEqual(all.Headers.ETag, march.Headers.ETag);
        Assert.NotEqual(json.Headers.ETag, csv.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
    }

    [Fact]
    public async Task A_failed_report_has_no_tag()
    {
        using var bad = await _server.GetAsync("/api/v1/reports/funnel?from=yesterday");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Null(bad.Headers.ETag);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private Task<HttpResponseMessage> SendIfNoneMatchAsync(string path, string tag) =>
        _server.SendAsync(HttpMethod.Get, path, _server.ReadKey, configure: request => request.Headers.TryAddWithoutValidation("If-None-Match", tag));
}
