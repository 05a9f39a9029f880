namespace Rapport.Web;

/// <summary>The answer of <c>/readyz</c> when the server can serve.</summary>
internal sealed record Readiness(string Status, string Store, int SchemaVersion, long StoreSizeBytes);
