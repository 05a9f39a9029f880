namespace Rapport.Web.Imports;

/// <summary>What a members import did, as <c>rapport import members</c> prints it.</summary>
internal sealed record MembersImported(
    long RowsRead,
    long RowsStored,
    long DuplicatesSkipped,
    long DevelopersCreated,
    long DevelopersMerged,
    long IdentitiesAdded,
    long MergesSuggested,
    long RowsRejected,
    IReadOnlyList<ImportRejection> Rejected);
