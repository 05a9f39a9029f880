using System.Text;

namespace Rapport.Tests.Webhooks;

/// <summary>One request a <see cref="WebhookReceiver"/> got: its path, headers and the exact body bytes.</summary>
internal sealed record ReceivedDelivery(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
