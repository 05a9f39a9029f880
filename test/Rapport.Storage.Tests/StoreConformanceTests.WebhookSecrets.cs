using System.Text;
using Rapport.Core.Webhooks;

namespace Rapport.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task A_workspace_has_no_webhook_secret_until_one_is_set()
    {
        Assert.Null(await Store.GetWebhookSecretAsync(Workspace, "github", Token));

        await Store.SetWebhookSecretAsync(Workspace, "github", "It's a Secret to Everybody", Token);

        Assert.Equal("It's a Secret to Everybody", await Store.GetWebhookSecretAsync(Workspace, "github", Token));
        Assert.Null(await Store.GetWebhookSecretAsync(Workspace, "gitlab", Token));
    }

    [Fact]
    public async Task Setting_a_webhook_secret_again_replaces_it_and_it_survives_a_restart()
    {
        await Store.SetWebhookSecretAsync(Workspace, "github", "first", Token);
        await Store.SetWebhookSecretAsync(Workspace, "github", "second", Token);

        var (reopened, workspace) = await ReopenAsync();

        Assert.Equal("second", await reopened.GetWebhookSecretAsync(workspace, "github", Token));
        Assert.Equal(1, (await reopened.CountStoredRowsAsync(workspace, Token))["webhook_secrets"]);
    }

    [Fact]
    public async Task Webhook_secrets_belong_to_their_workspace()
    {
        var other = await Store.GetOrCreateWorkspaceAsync("other", Token);

        await Store.SetWebhookSecretAsync(other, "github", "other's secret", Token);

        Assert.Null(await Store.GetWebhookSecretAsync(Workspace, "github", Token));
        Assert.Equal("other's secret", await Store.GetWebhookSecretAsync(other, "github", Token));
    }

    [Theory]
    [InlineData("github", "")]
    [InlineData("github", "  ")]
    [InlineData("", "secret")]
    public async Task An_empty_webhook_secret_or_source_is_refused(string source, string secret)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.SetWebhookSecretAsync(Workspace, source, secret, Token));

        Assert.Null(await Store.GetWebhookSecretAsync(Workspace, "github", Token));
    }

    [Fact]
    public async Task Webhook_secrets_are_stored_encrypted_and_signing_with_them_still_verifies()
    {
        await Store.SetWebhookSecretAsync(Workspace, "github", "It's a Secret to Everybody", Token);
        var created = await Store.AddWebhookSubscriptionAsync(Workspace, "https://hooks.example.com/", ["*"], WebhookFormat.Json, Token);

        var (reopened, workspace, stored) = await RunBehindStoreAsync(
            Store, "SELECT secret FROM webhook_secrets UNION ALL SELECT secret FROM webhook_subscriptions");

        Assert.Equal(2, stored.Count);
        Assert.All(stored, value => Assert.StartsWith("dp1:", value, StringComparison.Ordinal));
        Assert.DoesNotContain(stored, value => value.Contains("Secret to Everybody", StringComparison.Ordinal));
        Assert.DoesNotContain(stored, value => value.Contains(created.Secret, StringComparison.Ordinal));
        Assert.Equal("It's a Secret to Everybody", await reopened.GetWebhookSecretAsync(workspace, "github", Token));
        var ping = await reopened.AddWebhookPingAsync(workspace, created.Subscription.Id, Token);
        var delivery = await reopened.ClaimWebhookDeliveryAsync(workspace, ping!.Value, Lease, Token);
        var body = Encoding.UTF8.GetBytes(delivery!.Payload);
        Assert.True(WebhookSignature.Verify(created.Secret, body, WebhookSignature.Compute(delivery.Secret, body)));
    }

    [Fact]
    public async Task Plain_text_secrets_of_an_older_store_are_encrypted_when_it_is_opened()
    {
        await Store.SetWebhookSecretAsync(Workspace, "github", "replaced below", Token);
        var created = await Store.AddWebhookSubscriptionAsync(Workspace, "https://hooks.example.com/", ["*"], WebhookFormat.Json, Token);
        var (older, _, _) = await RunBehindStoreAsync(Store, "UPDATE webhook_secrets SET secret = 'legacy inbound secret'");
        var (opened, workspace, _) = await RunBehindStoreAsync(older, "UPDATE webhook_subscriptions SET secret = 'legacy-signing-secret'");

        Assert.Equal("legacy inbound secret", await opened.GetWebhookSecretAsync(workspace, "github", Token));
        var ping = await opened.AddWebhookPingAsync(workspace, created.Subscription.Id, Token);
        Assert.Equal("legacy-signing-secret", (await opened.ClaimWebhookDeliveryAsync(workspace, ping!.Value, Lease, Token))!.Secret);
        var (_, _, stored) = await RunBehindStoreAsync(
            opened, "SELECT secret FROM webhook_secrets UNION ALL SELECT secret FROM webhook_subscriptions");
        Assert.Equal(2, stored.Count);
        Assert.All(stored, value => Assert.StartsWith("dp1:", value, StringComparison.Ordinal));
        Assert.DoesNotContain(stored, value => value.Contains("legacy", StringComparison.Ordinal));
    }
}
