using Rapport.Core.Webhooks;

namespace Rapport.Web;

/// <summary>What <c>POST /api/v1/webhooks/{id}/test</c> answers: the ping's delivery and, when this server sent it, the receiver's answer.</summary>
/// <param name="Sent">Whether this request sent it; another server's worker may have claimed it first.</param>
internal sealed record WebhookTestResult(Guid DeliveryId, bool Sent, bool Delivered, int? StatusCode, string? Error, long? DurationMs, WebhookDeliveryStatus? Status);
