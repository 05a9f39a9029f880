using Rapport.Core.Ingest;

namespace Rapport.Connectors.Events;

/// <summary>One data row of an attendee CSV: the line it starts on and its activities (registered, attended), or why it was refused.</summary>
public sealed record AttendeeCsvRow(long LineNumber, IReadOnlyList<IngestMessage> Messages, string? Error);
