using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Rapport.Core.Webhooks;

/// <summary>
/// Something Rapport announces to outbound webhooks: its name (<see cref="WebhookEventNames"/>), a JSON object of
/// details, when it happened, and optionally a sentence for chat (Slack) deliveries. Features append events with
/// <c>IRapportStore.AddWebhookEventsAsync</c>; an event with the same <see cref="Id"/> is stored once.
/// </summary>
/// <param name="Payload">A JSON object; delivered as the envelope's <c>data</c>.</param>
/// <param name="Text">One line for people (a Slack message); without it, chat deliveries name the event and its data.</param>
public sealed record WebhookEvent(Guid Id, string Name, string Payload, DateTime OccurredAt, string? Text)
{
    /// <summary>
    /// An event whose payload is <paramref name="data"/> serialized with Rapport's JSON conventions. With an
    /// <paramref name="idempotencyKey"/> (what happened, e.g. the lead's key), the id is derived from the name and
    /// the key, so announcing the same thing twice — a retried or concurrent refresh — stores one event.
    /// </summary>
    public static WebhookEvent Create<T>(string name, T data, DateTime occurredAt, string? text = null, string? idempotencyKey = null)
    {
        if (!WebhookEventNames.IsValid(name))
        {
            throw new ArgumentException($"'{name}' is not an event name: lower-case letters, digits, '_' and '.'", nameof(name));
        }

        var payload = JsonSerializer.Serialize(data, RapportJson.Options);
        if (!payload.StartsWith('{'))
        {
            throw new ArgumentException("an event's data is a JSON object", nameof(data));
        }

        var id = idempotencyKey is null ? Guid.CreateVersion7(new DateTimeOffset(occurredAt, TimeSpan.Zero)) : DerivedId(name, idempotencyKey);
        return new WebhookEvent(id, name, payload, occurredAt, text);
    }

    /// <summary>A stable id for an event: the first 16 bytes of SHA-256 over the name and the key.</summary>
    private static Guid DerivedId(string name, string key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{name}\n{key}"), hash);
        // Marked as an RFC 9562 version 8 (custom) UUID, so it never collides with the random version 7 ids.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
