namespace Rapport.Core.Outreach;

/// <summary>Where an outreach task stands. A snoozed task is open again once its date has passed.</summary>
public enum OutreachStatus
{
    Open,
    Snoozed,
    Done,
    Dismissed,
}
