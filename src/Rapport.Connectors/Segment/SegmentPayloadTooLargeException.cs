namespace Rapport.Connectors.Segment;

/// <summary>A request body or a message over the Segment HTTP Tracking API's size limits.</summary>
public sealed class SegmentPayloadTooLargeException(string message) : Exception(message);
