namespace Rapport.Core.Webhooks;

/// <summary>Delivery status names as the store keeps them and JSON shows them.</summary>
public static class WebhookDeliveryStatuses
{
    public static string Name(WebhookDeliveryStatus status) => status switch
    {
        WebhookDeliveryStatus.Pending => "pending",
        WebhookDeliveryStatus.Sending => "sending",
        WebhookDeliveryStatus.Delivered => "delivered",
        WebhookDeliveryStatus.Failed => "failed",
        WebhookDeliveryStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static WebhookDeliveryStatus Parse(string name) => name switch
    {
        "pending" => WebhookDeliveryStatus.Pending,
        "sending" => WebhookDeliveryStatus.Sending,
        "delivered" => WebhookDeliveryStatus.Delivered,
        "failed" => WebhookDeliveryStatus.Failed,
        "cancelled" => WebhookDeliveryStatus.Cancelled,
        _ => throw new FormatException($"'{name}' is not a webhook delivery status"),
    };
}
