using System.Text;
using Rapport.Core.Webhooks;

namespace Rapport.Core.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    [Fact]
    public void The_signature_is_the_hex_HMAC_SHA256_of_the_body_as_GitHub_documents_it()
    {
        // GitHub's published example: this secret and body give this signature (also `openssl dgst -sha256 -hmac`).
        var signature = WebhookSignature.Compute("It's a Secret to Everybody", "Hello, World!"u8);

        Assert.Equal("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", signature);
    }

    [Fact]
    public void Verification_accepts_the_signature_and_refuses_another_body_secret_or_scheme()
    {
        var body = Encoding.UTF8.GetBytes("""{"event":"ping"}""");
        var signature = WebhookSignature.Compute("secret", body);

        Assert.True(WebhookSignature.Verify("secret", body, signature));
        Assert.False(WebhookSignature.Verify("secret", Encoding.UTF8.GetBytes("""{"event":"pong"}"""), signature));
        Assert.False(WebhookSignature.Verify("other", body, signature));
        Assert.False(WebhookSignature.Verify("secret", body, signature.Replace("sha256=", "sha1=", StringComparison.Ordinal)));
        Assert.False(WebhookSignature.Verify("secret", body, null));
    }

    [Fact]
    public void A_new_secret_is_64_hex_characters_and_never_the_same()
    {
        var secrets = Enumerable.Range(0, 50).Select(_ => WebhookSignature.NewSecret()).ToList();

        Assert.All(secrets, secret => Assert.Matches("^[0-9a-f]{64}$", secret));
        Assert.Equal(50, secrets.Distinct().Count());
    }
}
