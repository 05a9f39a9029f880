using Rapport.Configuration;
using Rapport.Connectors.Outbound;
using Rapport.Core.Users;
using Rapport.Core.Webhooks;
using Rapport.Storage;
using Rapport.Web.Access;
using Rapport.Web.Csv;
using Rapport.Web.Paging;
using Rapport.Webhooks;

namespace Rapport.Web;

/// <summary>Outbound webhook subscriptions and the delivery log over HTTP, for owners (and <c>admin</c> keys).</summary>
internal static class WebhookEndpoints
{
    public static void MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/api/v1/webhooks");
        webhooks.MapGet("/", ListAsync)
            .WithName("ListWebhooks")
            .WithSummary("The outbound webhook subscriptions, without their secrets.")
            .RequiresAccess(RouteAccess.Owner)
            .WithCsvExport();
        webhooks.MapPost("/", AddAsync)
            .WithName("AddWebhook")
            .WithSummary("Subscribe a URL to events; the answer holds the signing secret, shown only once.")
            .RequiresAccess(RouteAccess.Owner);
        webhooks.MapDelete("/{id:long}", RemoveAsync)
            .WithName("RemoveWebhook")
            .WithSummary("Remove a webhook subscription and cancel its unsent deliveries.")
            .RequiresAccess(RouteAccess.Owner);
        webhooks.MapPost("/{id:long}/test", TestAsync)
            .WithName("TestWebhook")
            .WithSummary("Send a ping to a webhook now and report how it went.")
            .RequiresAccess(RouteAccess.Owner);
        webhooks.MapGet("/deliveries", DeliveriesAsync)
            .WithName("ListWebhookDeliveries")
            .WithSummary("The webhook delivery log, newest first, with each delivery's attempts.")
            .RequiresAccess(RouteAccess.Owner)
            .WithCsvExport();
    }

    private static async Task<Ok<Page<WebhookSubscription>>> ListAsync(
        HttpContext context, IRapportStore store, ApiAccess access, [AsParameters] PageRequest page, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Owner, cancellationToken);
        const string list = "ListWebhooks";
        return TypedResults.Ok(Pages.Keyed(await store.ListWebhookSubscriptionsAsync(caller.Workspace, page.Keyset(list), cancellationToken), list));
    }

    /// <summary>Subscribes a URL; the answer holds the signing secret, the only time it is shown.</summary>
    private static async Task<Created<CreatedWebhookSubscription>> AddAsync(
        HttpContext context, IRapportStore store, ApiAccess access, SecuritySettings security, WebhookSubscriptionRequest request, string? workspace,
        CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Owner, cancellationToken);
        await OutboundUrls.CheckAsync(WebhookUrl.Parse(request.Url), security.AllowPrivateNetworkUrls, cancellationToken);
        var created = await store.AddWebhookSubscriptionAsync(
            caller.Workspace, request.Url ?? "", request.Events ?? [], WebhookFormats.Parse(request.Format), cancellationToken);
        return TypedResults.Created($"/api/v1/webhooks/{created.Subscription.Id}", created);
    }

    private static async Task<NoContent> RemoveAsync(
        HttpContext context, IRapportStore store, ApiAccess access, long id, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Owner, cancellationToken);
        return await store.RemoveWebhookSubscriptionAsync(caller.Workspace, id, cancellationToken)
            ? TypedResults.NoContent()
            : throw new NotFoundException($"There is no webhook {id}.");
    }

    private static async Task<Ok<WebhookTestResult>> TestAsync(
        HttpContext context, IRapportStore store, ApiAccess access, WebhookDeliverer deliverer, long id, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Owner, cancellationToken);
        var deliveryId = await store.AddWebhookPingAsync(caller.Workspace, id, cancellationToken)
            ?? throw new NotFoundException($"There is no webhook {id}.");
        return TypedResults.Ok(await deliverer.DeliverNowAsync(caller.Workspace, deliveryId, cancellationToken) is var (attempt, status)
            ? new WebhookTestResult(deliveryId, true, attempt.Succeeded, attempt.StatusCode, attempt.Error, attempt.DurationMs, status)
            : new WebhookTestResult(deliveryId, false, false, null, null, null, null));
    }

    private static async Task<Ok<Page<WebhookDelivery>>> DeliveriesAsync(
        HttpContext context, IRapportStore store, ApiAccess access, [AsParameters] PageRequest page, string? status, string? workspace,
        CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Owner, cancellationToken);
        var wanted = string.IsNullOrWhiteSpace(status) ? (WebhookDeliveryStatus?)null : WebhookDeliveryStatuses.Parse(status.Trim().ToLowerInvariant());
        const string list = "ListWebhookDeliveries";
        return TypedResults.Ok(Pages.Keyed(await store.ListWebhookDeliveriesAsync(caller.Workspace, wanted, page.Keyset(list), cancellationToken), list));
    }
}
