using Rapport.Core.Ingest;

namespace Rapport.Connectors.Events;

/// <summary>What an attendee import read and stored: rows, people registered and checked in, rows rejected, and the ingest summary.</summary>
public sealed record AttendeeImportSummary(long Rows, long Registered, long Attended, long Rejected, IngestSummary Ingest);
