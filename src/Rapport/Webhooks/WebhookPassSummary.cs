namespace Rapport.Webhooks;

/// <summary>What one pass over the due deliveries did.</summary>
internal sealed record WebhookPassSummary(int Delivered, int Retrying, int Failed)
{
    public int Attempts => Delivered + Retrying + Failed;
}
