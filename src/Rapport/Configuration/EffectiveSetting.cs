namespace Rapport.Configuration;

/// <summary>One setting as Rapport uses it, with where its value came from; secrets masked.</summary>
internal sealed record EffectiveSetting(string Key, string? Value, string Source);
