namespace Rapport.Web;

/// <summary>Segment's answer to an accepted request: <c>{"success": true}</c>.</summary>
internal sealed record SegmentSuccess(bool Success)
{
    public static SegmentSuccess Instance { get; } = new(true);
}
