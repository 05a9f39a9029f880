using Rapport.Core.Ingest;

namespace Rapport.Connectors.Members;

/// <summary>One data row of a members CSV: the line it starts on and its message, or why it was refused.</summary>
public sealed record MembersCsvRow(long LineNumber, IngestMessage? Message, string? Error);
