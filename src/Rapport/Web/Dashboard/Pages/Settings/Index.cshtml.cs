using Microsoft.AspNetCore.Mvc;
using Rapport.Configuration;
using Rapport.Connectors.Outbound;
using Rapport.Core.ApiKeys;
using Rapport.Core.Community;
using Rapport.Core.Journey;
using Rapport.Core.Users;
using Rapport.Core.Webhooks;
using Rapport.Storage;
using Rapport.Webhooks;

namespace Rapport.Web.Dashboard.Pages.Settings;

/// <summary>Owners' settings: users, API keys, webhooks, the journey map and the community rules (the folder is authorized for owners only).</summary>
internal sealed class SettingsModel(IRapportStore store, WorkspaceResolver workspaces, WebhookDeliverer deliverer, SecuritySettings security) : DashboardPage(store, workspaces)
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(24);

    public IReadOnlyList<UserAccount> Users { get; private set; } = [];

    public IReadOnlyList<ApiKey> Keys { get; private set; } = [];

    public string JourneyMapJson { get; private set; } = "";

    /// <summary>The ICP file, as <c>rapport icp show --json</c> shows its definition.</summary>
    public string IcpJson { get; private set; } = "";

    /// <summary>Each ICP's developers, stages and content, as <c>rapport icp show</c>.</summary>
    public Core.Icps.IcpSummary? Icps { get; private set; }

    public CommunityConfig Community { get; private set; } = CommunityConfig.Default;

    public string CommunityJson { get; private set; } = "";

    public IReadOnlyList<WebhookSubscription> Webhooks { get; private set; } = [];

    /// <summary>The newest deliveries, for the Webhooks section; the CSV has more.</summary>
    public IReadOnlyList<WebhookDelivery> Deliveries { get; private set; } = [];

    public string? Error { get; private set; }

    /// <summary>A key or sign-in link just made, shown once.</summary>
    public string? Secret { get; private set; }

    public string? SecretLabel { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnGetUsersCsvAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Csv("users", ["email", "role", "has_password", "created_at", "last_sign_in_at"],
            Users.Select(user => (IReadOnlyList<object?>)[user.Email, UserRoles.Name(user.Role), user.HasPassword, user.CreatedAt, user.LastSignInAt]));
    }

    public async Task<IActionResult> OnGetKeysCsvAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Csv("api-keys", ["prefix", "scope", "name", "created_at", "revoked_at"],
            Keys.Select(key => (IReadOnlyList<object?>)[key.Prefix, ApiKeyScopes.Name(key.Scope), key.Name, key.CreatedAt, key.RevokedAt]));
    }

    public async Task<IActionResult> OnGetDeliveriesCsvAsync(CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        var deliveries = await Store.ListWebhookDeliveriesAsync(Workspace, null, 10_000, cancellationToken);
        return Csv("webhook-deliveries", ["delivery", "event", "webhook", "url", "status", "attempts", "last_status_code", "last_error", "next_attempt_at", "delivered_at", "created_at"],
            deliveries.Select(delivery => (IReadOnlyList<object?>)
            [
                delivery.Id, delivery.Event, delivery.SubscriptionId, delivery.Url, WebhookDeliveryStatuses.Name(delivery.Status), delivery.Attempts,
                delivery.LastStatusCode, delivery.LastError, delivery.NextAttemptAt, delivery.DeliveredAt, delivery.CreatedAt,
            ]));
    }

    public async Task<IActionResult> OnPostAddWebhookAsync(string url, string[]? events, string? format, CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        try
        {
            await OutboundUrls.CheckAsync(WebhookUrl.Parse(url), security.AllowPrivateNetworkUrls, cancellationToken);
            var created = await Store.AddWebhookSubscriptionAsync(Workspace, url ?? "", events ?? [], WebhookFormats.Parse(format), cancellationToken);
            Secret = created.Secret;
            SecretLabel = $"The signing secret of webhook {created.Subscription.Id} ({created.Subscription.Url}).";
        }
        catch (FormatException e)
        {
            Error = $"The webhook was not added: {e.Message}";
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveWebhookAsync(long webhookId, CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        Flash = await Store.RemoveWebhookSubscriptionAsync(Workspace, webhookId, cancellationToken)
            ? $"Removed webhook {webhookId}; its deliveries not yet sent are cancelled."
            : $"There is no webhook {webhookId}.";
        return RedirectToPage(null, null, "webhooks");
    }

    public async Task<IActionResult> OnPostTestWebhookAsync(long webhookId, CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        if (await Store.AddWebhookPingAsync(Workspace, webhookId, cancellationToken) is not { } deliveryId)
        {
            Flash = $"There is no webhook {webhookId}.";
        }
        else
        {
            Flash = await deliverer.DeliverNowAsync(Workspace, deliveryId, cancellationToken) switch
            {
                null => $"Queued a ping to webhook {webhookId}.",
                ({ Succeeded: true } attempt, _) => $"Webhook {webhookId} answered the ping with HTTP {attempt.StatusCode} in {attempt.DurationMs} ms.",
                var (attempt, _) => $"The ping to webhook {webhookId} failed: {attempt.Error}. It will be retried.",
            };
        }

        return RedirectToPage(null, null, "webhooks");
    }

    public async Task<IActionResult> OnPostAddUserAsync(string email, string role, CancellationToken cancellationToken)
    {
        try
        {
            var user = await Store.CreateUserAsync(email ?? "", UserRoles.Parse(role ?? ""), null, cancellationToken);
            await ShowLinkAsync(user, cancellationToken);
        }
        catch (Exception e) when (e is FormatException or UserExistsException)
        {
            Error = e.Message;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostLinkAsync(long userId, CancellationToken cancellationToken)
    {
        if (await Store.GetUserAsync(userId, cancellationToken) is { } user)
        {
            // The page offers no link to a disabled user; the store refuses a forged post, as it does the API's.
            try
            {
                await ShowLinkAsync(user, cancellationToken);
            }
            catch (UserDisabledException e)
            {
                Error = $"{e.Message}: enable them first.";
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRoleAsync(long userId, string role, CancellationToken cancellationToken)
    {
        var newRole = UserRoles.Parse(role ?? "");
        if (!await KeepsAnOwnerAsync(userId, newRole, cancellationToken))
        {
            Error = "Rapport needs at least one owner: make someone else an owner first.";
            await LoadAsync(cancellationToken);
            return Page();
        }

        await Store.SetUserRoleAsync(userId, newRole, cancellationToken);
        Flash = "Role changed.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveUserAsync(long userId, CancellationToken cancellationToken)
    {
        if (!await KeepsAnOwnerAsync(userId, null, cancellationToken))
        {
            Error = "Rapport needs at least one owner: make someone else an owner first.";
            await LoadAsync(cancellationToken);
            return Page();
        }

        await Store.DeleteUserAsync(userId, cancellationToken);
        Flash = "User removed.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCreateKeyAsync(string scope, string? name, CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        if (!ApiKeyScopes.TryParse(scope, out var keyScope))
        {
            Error = $"'{scope}' is not a key scope: use {string.Join(", ", ApiKeyScopes.Names)}.";
        }
        else
        {
            var created = await Store.CreateApiKeyAsync(Workspace, keyScope.Value, string.IsNullOrWhiteSpace(name) ? null : name.Trim(), cancellationToken);
            Secret = created.Plaintext;
            SecretLabel = $"The new {ApiKeyScopes.Name(keyScope.Value)} key {created.Key.Prefix}.";
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string prefix, CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        var revoked = await Store.RevokeApiKeyAsync(Workspace, prefix ?? "", cancellationToken);
        Flash = revoked is null ? $"There is no key {prefix}." : $"Revoked the key {revoked.Prefix}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnGetWeightsCsvAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Csv("level-weights", ["activity_type", "weight", "advocacy"],
            Community.Levels.Weights.Select(weight => (IReadOnlyList<object?>)[weight.Pattern.Text, weight.Weight, weight.Advocacy]));
    }

    public async Task<IActionResult> OnPostCommunityAsync(string definition, CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        try
        {
            await Store.SetCommunityConfigAsync(Workspace, CommunityConfig.Parse(definition ?? ""), cancellationToken);
            var refresh = await Store.RefreshCommunityAsync(Workspace, HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, cancellationToken);
            Flash = $"Community rules saved; {refresh.Members:N0} members' levels derived again, {refresh.LevelChanges.Count:N0} changed.";
            return RedirectToPage();
        }
        catch (CommunityConfigException e)
        {
            Error = $"The community rules were not saved: {e.Message}";
            await LoadAsync(cancellationToken);
            CommunityJson = definition ?? "";
            return Page();
        }
    }

    public async Task<IActionResult> OnPostJourneyMapAsync(string definition, CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        try
        {
            await Store.SetJourneyMapAsync(Workspace, JourneyMap.Parse(definition ?? ""), cancellationToken);
            Flash = "Journey map saved; every developer's stages were derived again.";
            return RedirectToPage();
        }
        catch (JourneyMapException e)
        {
            Error = $"The journey map was not saved: {e.Message}";
            await LoadAsync(cancellationToken);
            JourneyMapJson = definition ?? "";
            return Page();
        }
    }

    public async Task<IActionResult> OnPostIcpsAsync(string definition, CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        try
        {
            var refresh = await Store.SetIcpsAsync(Workspace, Core.Icps.IcpSet.Parse(definition ?? ""), cancellationToken);
            Flash = $"ICPs saved; {refresh.MembersEvaluated:N0} developers evaluated: " +
                string.Join(", ", refresh.Members.Select(pair => $"{pair.Key} {pair.Value:N0}")) + ".";
            return RedirectToPage();
        }
        catch (Core.Icps.IcpException e)
        {
            Error = $"The ICPs were not saved: {e.Message}";
            await LoadAsync(cancellationToken);
            IcpJson = definition ?? "";
            return Page();
        }
    }

    private async Task ShowLinkAsync(UserAccount user, CancellationToken cancellationToken)
    {
        var link = await Store.CreateSignInLinkAsync(user.Id, LinkLifetime, cancellationToken);
        Secret = $"{Request.Scheme}://{Request.Host}/signin/link/{link.Token}";
        SecretLabel = $"A sign-in link for {user.Email}, valid until {link.ExpiresAt:yyyy-MM-dd HH:mm} UTC.";
    }

    /// <summary>Whether changing (or, with no role, removing) this user still leaves an owner.</summary>
    private async Task<bool> KeepsAnOwnerAsync(long userId, UserRole? newRole, CancellationToken cancellationToken)
    {
        var users = await Store.ListUsersAsync(cancellationToken);
        return users.Any(user => user.Role == UserRole.Owner && (user.Id != userId || newRole == UserRole.Owner));
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        Users = await Store.ListUsersAsync(cancellationToken);
        Keys = await Store.ListApiKeysAsync(Workspace, cancellationToken);
        JourneyMapJson = (await Store.GetJourneyMapAsync(Workspace, cancellationToken)).ToJson();
        Icps = await Store.GetIcpSummaryAsync(Workspace, cancellationToken);
        IcpJson = (await Store.GetIcpsAsync(Workspace, cancellationToken)).ToJson();
        Community = await Store.GetCommunityConfigAsync(Workspace, cancellationToken);
        CommunityJson = Community.ToJson();
        Webhooks = await Store.ListWebhookSubscriptionsAsync(Workspace, cancellationToken);
        Deliveries = await Store.ListWebhookDeliveriesAsync(Workspace, null, 20, cancellationToken);
    }
}
