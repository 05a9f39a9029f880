using Rapport.Core.Members;
using Rapport.Core.Reports;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>Browsing developers: lists, timelines, notes and tags, and the journey week by week.</summary>
public partial interface IRapportStore
{
    Task<MemberPage> ListMembersAsync(Workspace workspace, MemberQuery query, CancellationToken cancellationToken);

    /// <summary>The member's profile by id, or <c>null</c>.</summary>
    Task<MemberProfile?> GetMemberAsync(Workspace workspace, long memberId, CancellationToken cancellationToken);

    /// <summary>A member's activities, newest first, at most <paramref name="limit"/>, older than <paramref name="before"/>.</summary>
    Task<IReadOnlyList<MemberActivity>> ListMemberActivitiesAsync(
        Workspace workspace, long memberId, DateTime? before, int limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<MemberNote>> ListMemberNotesAsync(Workspace workspace, long memberId, CancellationToken cancellationToken);

    Task<MemberNote> AddMemberNoteAsync(Workspace workspace, long memberId, string author, string body, CancellationToken cancellationToken);

    /// <summary>Deletes a note about the developer <paramref name="memberId"/>; false when they have no note with that id.</summary>
    Task<bool> DeleteMemberNoteAsync(Workspace workspace, long memberId, Guid noteId, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> ListMemberTagsAsync(Workspace workspace, long memberId, CancellationToken cancellationToken);

    /// <summary>Tags a member; tags are lower-case words and a member has each at most once.</summary>
    Task SetMemberTagAsync(Workspace workspace, long memberId, string tag, bool tagged, CancellationToken cancellationToken);

    /// <summary>Per week: developers first seen and developers who reached each stage, for the weeks in the range.</summary>
    Task<IReadOnlyList<WeeklyProgress>> GetWeeklyProgressAsync(Workspace workspace, DateRange range, CancellationToken cancellationToken);
}
