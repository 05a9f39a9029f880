namespace Rapport.Core.Webhooks;

/// <summary>Format names as users write them and the store keeps them.</summary>
public static class WebhookFormats
{
    public static IReadOnlyList<string> Names { get; } = ["json", "slack"];

    public static string Name(WebhookFormat format) => format switch
    {
        WebhookFormat.Json => "json",
        WebhookFormat.Slack => "slack",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    public static WebhookFormat Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "json" or null or "" => WebhookFormat.Json,
        "slack" => WebhookFormat.Slack,
        _ => throw new FormatException($"'{name}' is not a webhook format: use json or slack"),
    };
}
