namespace Rapport.Core.ApiKeys;

/// <summary>A new key and its plaintext, which exists only here: the store keeps a hash.</summary>
public sealed record CreatedApiKey(ApiKey Key, string Plaintext);
