namespace Rapport.Core.Outreach;

/// <summary>
/// A change to a task; what is <c>null</c> stays as it is. <see cref="Status"/> <see cref="OutreachStatus.Snoozed"/>
/// needs <see cref="SnoozedUntil"/>. An empty <see cref="Assignee"/> un-assigns the task.
/// </summary>
public sealed record OutreachTaskUpdate(OutreachStatus? Status = null, DateTime? SnoozedUntil = null, string? Assignee = null, string? Note = null)
{
    public void Validate(DateTime now)
    {
        if (Status == OutreachStatus.Snoozed && (SnoozedUntil is not { } until || until <= now))
        {
            throw new FormatException("snoozing a task needs a date in the future to snooze it until");
        }

        if (SnoozedUntil is not null && Status is not OutreachStatus.Snoozed)
        {
            throw new FormatException("a snooze date goes with the status snoozed");
        }

        if (Assignee is { Length: > 200 })
        {
            throw new FormatException("an assignee has at most 200 characters");
        }

        if (Note is { } note && note.Trim().Length is 0 or > 10_000)
        {
            throw new FormatException("a note has between 1 and 10,000 characters");
        }

        if (Status is null && Assignee is null && Note is null)
        {
            throw new FormatException("nothing to change: give a status, an assignee or a note");
        }
    }
}
