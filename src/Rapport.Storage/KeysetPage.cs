namespace Rapport.Storage;

/// <summary>One page of a list read by keyset: the rows in the list's order and the key to read on from, null on the last page.</summary>
public sealed record KeysetPage<T>(IReadOnlyList<T> Items, string? Next);
