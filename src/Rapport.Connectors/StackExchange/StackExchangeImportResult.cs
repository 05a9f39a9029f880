using Rapport.Core.Ingest;

namespace Rapport.Connectors.StackExchange;

/// <summary>What an import stored (<see cref="Summary"/>) and what the dump held (<see cref="Counts"/>).</summary>
public sealed record StackExchangeImportResult(IngestSummary Summary, StackExchangeCounts Counts);
