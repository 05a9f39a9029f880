using System.Net;
using System.Net.Sockets;
using Rapport.Connectors.Outbound;

namespace Rapport.Connectors.Tests.Outbound;

public sealed class OutboundUrlsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook", "127.0.0.1 is a loopback address")]
    [InlineData("http://2130706433/hook", "127.0.0.1 is a loopback address")]
    [InlineData("https://[::1]/hook", "::1 is a loopback address")]
    [InlineData("http://[::ffff:192.168.0.1]/", "::ffff:192.168.0.1 is a private (RFC 1918) address")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address (where cloud metadata services answer)")]
    [InlineData("http://localhost:5000/", "localhost is a loopback name")]
    [InlineData("http://api.localhost/", "api.localhost is a loopback name")]
    public async Task A_url_naming_an_address_inside_the_network_is_refused_when_given(string url, string reason)
    {
        var error = await Assert.ThrowsAsync<PrivateNetworkUrlException>(() => OutboundUrls.CheckAsync(url, allowPrivateNetwork: false, Token));

        Assert.Equal(
            $"'{url}' is refused: {reason}; set Security:AllowPrivateNetworkUrls to true to allow addresses on private networks",
            error.Message);
    }

    [Theory]
    [InlineData("ftp://files.example.com/feed.xml")]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://127.0.0.1/")]
    [InlineData("not a url")]
    public async Task Only_http_and_https_urls_are_accepted(string url)
    {
        var error = await Assert.ThrowsAsync<FormatException>(() => OutboundUrls.CheckAsync(url, allowPrivateNetwork: true, Token));

        Assert.Equal($"'{url}' is not an http or https URL", error.Message);
    }

    [Fact]
    public async Task Private_addresses_are_accepted_when_allowed()
    {
        var uri = await OutboundUrls.CheckAsync("http://127.0.0.1:8080/hook", allowPrivateNetwork: true, Token);

        Assert.Equal("http://127.0.0.1:8080/hook", uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task The_connection_itself_is_refused_on_the_resolved_address_and_nothing_reaches_the_listener(string host)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var http = new HttpClient(OutboundUrls.CreateHandler(allowPrivateNetwork: false));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync($"http://{host}:{port}/feed.xml", Token));

        var refused = Assert.IsType<PrivateNetworkUrlException>(error.InnerException);
        Assert.StartsWith($"refused to connect to {host}: it resolves to ", refused.Message, StringComparison.Ordinal);
        Assert.Contains("a loopback address", refused.Message, StringComparison.Ordinal);
        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task The_same_handler_connects_when_private_networks_are_allowed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var http = new HttpClient(OutboundUrls.CreateHandler(allowPrivateNetwork: true));

        var request = http.GetAsync($"http://127.0.0.1:{port}/feed.xml", Token);
        using var accepted = await listener.AcceptTcpClientAsync(Token);
        var stream = accepted.GetStream();
        var buffer = new byte[1024];
        var read = await stream.ReadAsync(buffer, Token);
        await stream.WriteAsync("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n"u8.ToArray(), Token);
        using var response = await request;

        Assert.StartsWith("GET /feed.xml HTTP/1.1", System.Text.Encoding.ASCII.GetString(buffer, 0, read), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
