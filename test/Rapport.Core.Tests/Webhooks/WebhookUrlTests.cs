using Rapport.Core.Webhooks;

namespace Rapport.Core.Tests.Webhooks;

public sealed class WebhookUrlTests
{
    [Theory]
    [InlineData("https://hooks.slack.com/services/T0/B0/xyz", "https://hooks.slack.com/services/T0/B0/xyz")]
    [InlineData(" http://127.0.0.1:8080/hook ", "http://127.0.0.1:8080/hook")]
    [InlineData("HTTPS://Example.COM", "https://example.com/")]
    public void Http_and_https_urls_are_accepted_and_normalised(string url, string expected)
    {
        Assert.Equal(expected, WebhookUrl.Parse(url));
    }

    [Theory]
    [InlineData("ftp://example.com/hook", "is a ftp URL")]
    [InlineData("file:///etc/passwd", "is a file URL")]
    [InlineData("javascript:alert(1)", "is a javascript URL")]
    [InlineData("hooks.example.com/rapport", "is not an absolute URL")]
    [InlineData("", "is not an absolute URL")]
    public void Anything_but_http_and_https_is_refused_with_the_reason(string url, string reason)
    {
        var error = Assert.Throws<FormatException>(() => WebhookUrl.Parse(url));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
