namespace Rapport.Core.Members;

/// <summary>A page of developers and the cursor of the next page, or <c>null</c> on the last one.</summary>
public sealed record MemberPage(IReadOnlyList<MemberSummary> Members, MemberCursor? Next);
