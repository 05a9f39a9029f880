namespace Rapport.Core.Ingest;

/// <summary>One trait of a developer (name, company, title, …); the value is kept as JSON.</summary>
public readonly record struct Trait(string Key, string ValueJson);
