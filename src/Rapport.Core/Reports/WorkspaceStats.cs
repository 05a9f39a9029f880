namespace Rapport.Core.Reports;

/// <summary>The size of a workspace: developers, identities and activities.</summary>
public sealed record WorkspaceStats(
    long Developers,
    long IdentifiedDevelopers,
    long AnonymousDevelopers,
    IReadOnlyDictionary<string, long> Identities,
    long Activities,
    IReadOnlyList<ActivityTypeCount> TopActivityTypes,
    DateTime? FirstActivity,
    DateTime? LastActivity);
