using Rapport.Core.Content;

namespace Rapport.Core.Reach;

/// <summary>
/// The reach of one item, one reuse tree or one channel. Views come from the imported aggregates (access logs,
/// YouTube); click-throughs and developers from tracked links. Formulas in docs/content.md.
/// </summary>
/// <param name="Items">How many catalog items the row adds up (1 for an item).</param>
/// <param name="ClickThroughs">Human clicks on the tracked links placed in the item.</param>
/// <param name="IdentifiedDevelopers">Developers known by more than an anonymous id who followed one of those clicks.</param>
/// <param name="ProgressedFirstTouch">Developers whose first tracked touch was this, and who reached a later journey stage within 30 days of it.</param>
/// <param name="ProgressedLastTouch">Developers for whom this was the last tracked touch before reaching a later stage, within 30 days.</param>
public sealed record ContentReach(
    long? ContentId,
    string Title,
    ContentKind? Kind,
    string? Channel,
    int Items,
    long Views,
    long Human,
    long Organic,
    long Validated,
    long PaidEngaged,
    long ClickThroughs,
    long IdentifiedDevelopers,
    long ProgressedFirstTouch,
    long ProgressedLastTouch,
    double? EffortHours,
    double? ValidatedPerEffortHour);
