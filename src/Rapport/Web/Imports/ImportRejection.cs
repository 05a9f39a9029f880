namespace Rapport.Web.Imports;

/// <summary>A line an import skipped (<c>skipInvalid=true</c>): where it starts in the file, and why it was not imported.</summary>
internal sealed record ImportRejection(long? Line, string Reason);
