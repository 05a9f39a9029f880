using Rapport.Core.Feedback;
using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Web.Dashboard.Pages.Feedback;

/// <summary>The status change both feedback pages post: the same store call as <c>rapport feedback update --status</c>.</summary>
internal static class FeedbackForms
{
    /// <summary>Changes an item's status and says what happened, for the page's flash message.</summary>
    public static async Task<string> ChangeStatusAsync(
        IRapportStore store, Workspace workspace, long feedbackId, string newStatus, string author, CancellationToken cancellationToken)
    {
        if (!FeedbackNames.TryParseStatus(newStatus, out var status))
        {
            return $"'{newStatus}' is not a feedback status.";
        }

        var change = await store.UpdateFeedbackAsync(workspace, feedbackId, new FeedbackUpdate(status), author, cancellationToken);
        return change switch
        {
            null => $"There is no feedback {feedbackId}.",
            { OutreachTasksCreated: > 0 } => $"#{feedbackId} is now {FeedbackNames.Name(change.Item.Status)}: {change.OutreachTasksCreated} developers to tell (Outreach).",
            _ => $"#{feedbackId} is now {FeedbackNames.Name(change.Item.Status)}.",
        };
    }
}
