using Rapport.Core.Feedback;
using Rapport.Core.Identities;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>Product feedback, who raised it, and closing the loop when it ships (docs/feedback.md).</summary>
public partial interface IRapportStore
{
    /// <summary>
    /// Records a piece of feedback. Throws <see cref="FormatException"/> for an identity or activity the workspace
    /// does not know, or an activity already confirmed as feedback.
    /// </summary>
    Task<FeedbackItem> AddFeedbackAsync(Workspace workspace, FeedbackDraft draft, string author, CancellationToken cancellationToken);

    /// <summary>A developer raises (<paramref name="raised"/>) or upvotes an item; <c>null</c> for an unknown item.</summary>
    Task<FeedbackItem?> AddFeedbackVoterAsync(
        Workspace workspace, long feedbackId, Identity identity, bool raised, string? messageId, string author, CancellationToken cancellationToken);

    Task<FeedbackItem?> GetFeedbackAsync(Workspace workspace, long feedbackId, CancellationToken cancellationToken);

    /// <summary>The items that match, ranked (<see cref="FeedbackRanking.Rank"/>).</summary>
    Task<IReadOnlyList<FeedbackItem>> ListFeedbackAsync(Workspace workspace, FeedbackQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Changes an item; <c>null</c> for an unknown one. Marking it shipped creates a <c>feedback_shipped</c> outreach
    /// task for each developer who raised or upvoted it (once per developer and item, however often it is marked).
    /// </summary>
    Task<FeedbackChange?> UpdateFeedbackAsync(Workspace workspace, long feedbackId, FeedbackUpdate update, string author, CancellationToken cancellationToken);

    /// <summary>
    /// Questions and GitHub issues whose text reads as feedback (<see cref="FeedbackSignals"/>), newest first, that
    /// are not yet an item's source or a voter's activity, nor dismissed.
    /// </summary>
    Task<IReadOnlyList<FeedbackSuggestion>> ListFeedbackSuggestionsAsync(Workspace workspace, int limit, CancellationToken cancellationToken);

    /// <summary>A page of those suggestions, newest first (time, then message id), read by keyset.</summary>
    Task<KeysetPage<FeedbackSuggestion>> ListFeedbackSuggestionsAsync(Workspace workspace, KeysetRequest page, CancellationToken cancellationToken);

    /// <summary>
    /// A person decided the activity <paramref name="messageId"/> is not feedback: it is not suggested again. Returns
    /// <c>false</c> when it was dismissed already; <see cref="FormatException"/> when the workspace has no such activity.
    /// </summary>
    Task<bool> DismissFeedbackSuggestionAsync(Workspace workspace, string messageId, string author, CancellationToken cancellationToken);
}
