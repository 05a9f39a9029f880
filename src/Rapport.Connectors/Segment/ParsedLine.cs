using Rapport.Core.Ingest;

namespace Rapport.Connectors.Segment;

/// <summary>One line of a JSON Lines file: the message, or why the line was rejected.</summary>
public readonly record struct ParsedLine(long LineNumber, IngestMessage? Message, SegmentFormatException? Error);
