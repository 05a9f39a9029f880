namespace Rapport.Core.DocsGaps;

/// <summary>Questions of a topic asked in one month (<c>2026-03</c>).</summary>
public sealed record MonthCount(string Month, int Questions);
