using Rapport.Core.Members;

namespace Rapport.Core.Ingest;

/// <summary>
/// The member rows a batch changes, resolved to the members that remain after its merges:
/// rows to insert, progress to add to existing rows, and absorbed members to fold into their winners.
/// </summary>
public sealed record MemberChanges(
    IReadOnlyList<(long MemberId, MemberProgress Progress)> Created,
    IReadOnlyList<(long MemberId, MemberProgress Progress)> Updated,
    IReadOnlyList<(long LoserId, long WinnerId)> Merged,
    DateTime At);
