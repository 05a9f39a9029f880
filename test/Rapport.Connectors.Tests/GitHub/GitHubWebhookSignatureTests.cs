using System.Text;
using Rapport.Connectors.GitHub;

namespace Rapport.Connectors.Tests.GitHub;

public sealed class GitHubWebhookSignatureTests
{
    // GitHub's documented test vector ("Validating webhook deliveries"; TestData/NOTICE).
    private const string Secret = "It's a Secret to Everybody";
    private const string Signature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("Hello, World!");

    [Fact]
    public void GitHubs_test_vector_is_computed_and_accepted()
    {
        Assert.Equal(Signature, GitHubWebhookSignature.Compute(Body, Secret));
        Assert.True(GitHubWebhookSignature.IsValid(Signature, Body, Secret));
    }

    [Fact]
    public void Upper_case_hex_and_surrounding_spaces_are_still_the_same_signature() =>
        Assert.True(GitHubWebhookSignature.IsValid($" sha256={Signature["sha256=".Length..].ToUpperInvariant()} ", Body, Secret));

    [Fact]
    public void A_tampered_body_is_refused() =>
        Assert.False(GitHubWebhookSignature.IsValid(Signature, Encoding.UTF8.GetBytes("Hello, World?"), Secret));

    [Fact]
    public void A_wrong_secret_is_refused() =>
        Assert.False(GitHubWebhookSignature.IsValid(Signature, Body, "It's a Secret to Nobody"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1")]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1z")]
    public void A_missing_or_malformed_signature_is_refused(string? header) =>
        Assert.False(GitHubWebhookSignature.IsValid(header, Body, Secret));
}
