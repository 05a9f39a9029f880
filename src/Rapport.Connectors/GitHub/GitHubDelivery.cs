namespace Rapport.Connectors.GitHub;

/// <summary>One webhook delivery as GitHub sends it: the event (<c>X-GitHub-Event</c>), its id (<c>X-GitHub-Delivery</c>) and the JSON body.</summary>
/// <param name="ReceivedAt">When Rapport received it: the activity time when the payload carries none of its own.</param>
public sealed record GitHubDelivery(string Event, string DeliveryId, ReadOnlyMemory<byte> Payload, DateTime ReceivedAt);
