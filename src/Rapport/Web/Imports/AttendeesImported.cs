namespace Rapport.Web.Imports;

/// <summary>
/// What an attendee import did, as <c>rapport import attendees</c> prints it: rows read, people registered and
/// checked in, activities stored and skipped as already there, developers created, and the rows rejected.
/// </summary>
internal sealed record AttendeesImported(
    long EventId,
    long Rows,
    long Registered,
    long CheckedIn,
    long ActivitiesStored,
    long DuplicatesSkipped,
    long MembersCreated,
    long RowsRejected,
    IReadOnlyList<ImportRejection> Rejected);
