using System.Text;
using System.Text.Json;

namespace Rapport.Core.Webhooks;

/// <summary>
/// The bytes a delivery posts, the same on every attempt: Rapport's JSON envelope, or Slack's <c>{"text": …}</c>.
/// The signature is computed over exactly these bytes.
/// </summary>
public static class WebhookBody
{
    public const string ContentType = "application/json";

    public static byte[] For(DueWebhookDelivery delivery) =>
        delivery.Format == WebhookFormat.Slack
            ? Slack(delivery.Workspace, delivery.Event, delivery.Payload, delivery.Text)
            : Envelope(delivery.EventId, delivery.Event, delivery.OccurredAt, delivery.Workspace, delivery.Payload);

    /// <summary><c>{"id", "event", "occurredAt", "workspace", "data"}</c>, with the event's payload as <c>data</c>.</summary>
    public static byte[] Envelope(Guid eventId, string eventName, DateTime occurredAt, string workspace, string payload)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", eventId);
            writer.WriteString("event", eventName);
            writer.WriteString("occurredAt", DateTime.SpecifyKind(occurredAt, DateTimeKind.Utc));
            writer.WriteString("workspace", workspace);
            writer.WritePropertyName("data");
            writer.WriteRawValue(payload);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>A Slack message: the workspace, then the event's sentence (or its name and data), escaped for Slack.</summary>
    public static byte[] Slack(string workspace, string eventName, string payload, string? text)
    {
        var line = $"[{workspace}] {text ?? $"{eventName}: {payload}"}";
        return JsonSerializer.SerializeToUtf8Bytes(new SlackMessage(EscapeForSlack(line)), RapportJson.Options);
    }

    /// <summary>Slack reads &amp;, &lt; and &gt; as markup; escaped, names and titles from outside show as they are.</summary>
    public static string EscapeForSlack(string text) =>
        new StringBuilder(text).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").ToString();

    private sealed record SlackMessage(string Text);
}
