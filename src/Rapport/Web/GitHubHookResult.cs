using System.Text.Json.Serialization;

namespace Rapport.Web;

/// <summary>What a GitHub delivery became, in the answer GitHub shows under the webhook's recent deliveries.</summary>
internal sealed record GitHubHookResult(
    string Event,
    string Delivery,
    int Activities,
    bool Ignored,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason);
