namespace Rapport.Core.Ingest;

/// <summary>What an ingest did: the numbers an import prints at the end and the HTTP API reports.</summary>
public sealed record IngestSummary
{
    public long MessagesRead { get; init; }

    public long ActivitiesStored { get; init; }

    public long ProfileUpdatesStored { get; init; }

    public long DuplicatesSkipped { get; init; }

    public long MembersCreated { get; init; }

    public long MembersMerged { get; init; }

    public long IdentitiesAdded { get; init; }

    public long MergesSuggested { get; init; }

    /// <summary>Messages dropped because they name an erased developer (<c>rapport members erase</c>).</summary>
    public long ErasedSkipped { get; init; }

    public static IngestSummary operator +(IngestSummary a, IngestSummary b) => new()
    {
        MessagesRead = a.MessagesRead + b.MessagesRead,
        ActivitiesStored = a.ActivitiesStored + b.ActivitiesStored,
        ProfileUpdatesStored = a.ProfileUpdatesStored + b.ProfileUpdatesStored,
        DuplicatesSkipped = a.DuplicatesSkipped + b.DuplicatesSkipped,
        MembersCreated = a.MembersCreated + b.MembersCreated,
        MembersMerged = a.MembersMerged + b.MembersMerged,
        IdentitiesAdded = a.IdentitiesAdded + b.IdentitiesAdded,
        MergesSuggested = a.MergesSuggested + b.MergesSuggested,
        ErasedSkipped = a.ErasedSkipped + b.ErasedSkipped,
    };
}
