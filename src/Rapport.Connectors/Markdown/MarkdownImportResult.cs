using Rapport.Core.Content;

namespace Rapport.Connectors.Markdown;

/// <summary>What a Markdown import did: the catalog changes, files read, drafts skipped, files without front matter, files rejected.</summary>
public sealed record MarkdownImportResult(ContentImportSummary Summary, int Files, int DraftsSkipped, int WithoutFrontMatter, int Rejected);
