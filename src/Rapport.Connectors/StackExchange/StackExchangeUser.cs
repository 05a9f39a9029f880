namespace Rapport.Connectors.StackExchange;

/// <summary>What a dump's Users.xml says about one user that becomes the member's traits and identities.</summary>
internal sealed record StackExchangeUser(string? DisplayName, string? Location, string? WebsiteUrl, int? AccountId, DateTime SeenAt);
