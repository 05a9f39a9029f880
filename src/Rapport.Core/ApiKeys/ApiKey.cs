namespace Rapport.Core.ApiKeys;

/// <summary>
/// What is known about an API key once it is created: never the key itself, only its public prefix (enough to tell
/// keys apart in a list and to revoke one).
/// </summary>
public sealed record ApiKey(long Id, string Prefix, ApiKeyScope Scope, string? Name, DateTime CreatedAt, DateTime? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}
