namespace Rapport.Storage;

/// <summary>The member SQL both backends' ingest sessions run at commit, over the rows each stages its own way.</summary>
public abstract partial class SqlStore
{
    /// <summary>
    /// Adds a batch's progress to stored members. <paramref name="progress"/> is a FROM item named <c>p</c> with the
    /// columns <c>id</c>, <c>first_activity_at</c>, <c>last_activity_at</c>, <c>activity_count</c>, the five stage
    /// times and <c>first_touch_channel</c>; $1 is the workspace.
    /// </summary>
    internal static string AddMemberProgressSql(string progress) =>
        $"""
        UPDATE members SET
          {FoldProgress("p")}
        FROM {progress}
        WHERE members.workspace_id = $1 AND members.id = p.id
        """;

    /// <summary>
    /// Folds the stored members a batch merged away into their winners. <paramref name="merges"/> is a FROM item named
    /// <c>m</c> with the columns <c>loser_id</c> and <c>winner_id</c>; $1 is the workspace. A winner's first touch
    /// comes from the losers' rows at their earliest first activity, the first in code-point order.
    /// </summary>
    internal static string FoldMergedMembersSql(string merges) =>
        $"""
        UPDATE members SET
          {FoldProgress("f")}
        FROM (
          SELECT x.winner_id, min(x.first_activity_at) AS first_activity_at, max(x.last_activity_at) AS last_activity_at,
                 sum(x.activity_count) AS activity_count, min(x.discover_at) AS discover_at, min(x.evaluate_at) AS evaluate_at,
                 min(x.learn_at) AS learn_at, min(x.build_at) AS build_at, min(x.scale_at) AS scale_at,
                 min(x.first_touch_channel COLLATE "C") FILTER (WHERE x.first_activity_at = x.earliest) AS first_touch_channel
          FROM (
            SELECT m.winner_id, x.*, min(x.first_activity_at) OVER (PARTITION BY m.winner_id) AS earliest
            FROM members x JOIN {merges} ON x.id = m.loser_id
            WHERE x.workspace_id = $1
          ) x
          GROUP BY x.winner_id
        ) f
        WHERE members.workspace_id = $1 AND members.id = f.winner_id
        """;

    /// <summary>
    /// The SET list that adds <paramref name="source"/>'s progress to a member: minimums, maximums and sums, as
    /// <see cref="Core.Members.MemberProgress.Merge"/> does (<see cref="FoldActivity"/> and <see cref="FoldReached"/>).
    /// </summary>
    private static string FoldProgress(string source) =>
        $"""
        {FoldActivity(source)},
          {FoldReached(source)}
        """;

    /// <summary>The last activity and the activity count: what every batch of activity changes.</summary>
    internal static string FoldActivity(string source) =>
        $"""
        last_activity_at = greatest(members.last_activity_at, {source}.last_activity_at),
          activity_count = members.activity_count + {source}.activity_count
        """;

    /// <summary>
    /// The first activity, the stage times and the first touch: what a batch changes only for a developer's first
    /// visit, a new stage or activity arriving out of order. The first touch is the source's when its first
    /// activity is earlier, the first of both in code-point order (<c>COLLATE "C"</c>) when they tie, and kept
    /// otherwise; every right-hand side reads the row as it was before the update.
    /// </summary>
    internal static string FoldReached(string source) =>
        $"""
        first_activity_at = least(members.first_activity_at, {source}.first_activity_at),
          discover_at = least(members.discover_at, {source}.discover_at),
          evaluate_at = least(members.evaluate_at, {source}.evaluate_at),
          learn_at = least(members.learn_at, {source}.learn_at),
          build_at = least(members.build_at, {source}.build_at),
          scale_at = least(members.scale_at, {source}.scale_at),
          first_touch_channel = {FirstTouch(source)},
          first_touch_at = least(members.first_activity_at, {source}.first_activity_at)
        """;

    private static string FirstTouch(string source) =>
        $"""
        CASE
            WHEN {source}.first_activity_at IS NULL THEN members.first_touch_channel
            WHEN members.first_activity_at IS NULL OR {source}.first_activity_at < members.first_activity_at THEN {source}.first_touch_channel
            WHEN {source}.first_activity_at = members.first_activity_at
              THEN least(members.first_touch_channel COLLATE "C", {source}.first_touch_channel COLLATE "C")
            ELSE members.first_touch_channel END
        """;
}
