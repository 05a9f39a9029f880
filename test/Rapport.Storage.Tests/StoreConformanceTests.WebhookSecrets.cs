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
}
