namespace Rapport.Web.Imports;

/// <summary>What a questions import did, as <c>rapport import questions</c> prints it.</summary>
internal sealed record QuestionsImported(
    long RowsRead,
    long QuestionsStored,
    long DuplicatesSkipped,
    long MembersCreated,
    long MembersMerged,
    long IdentitiesAdded,
    long RowsRejected,
    IReadOnlyList<ImportRejection> Rejected);
