namespace Rapport.Core.DocsGaps;

/// <summary>Receives one term of a text (<see cref="TextAnalyzer"/>); valid only during the call.</summary>
public delegate void TermHandler(ReadOnlySpan<char> term);
