using Rapport.Core.Ingest;

namespace Rapport.Connectors.Questions;

/// <summary>One data row of a questions CSV: the line it starts on and its message, or why it was refused.</summary>
public sealed record QuestionsCsvRow(long LineNumber, IngestMessage? Message, string? Error);
