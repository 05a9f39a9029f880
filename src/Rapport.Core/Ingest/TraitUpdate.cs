namespace Rapport.Core.Ingest;

/// <summary>A trait set on an identity at a time; a later time wins over an earlier one.</summary>
public readonly record struct TraitUpdate(long IdentityId, string Key, string ValueJson, DateTime UpdatedAt);
