namespace Rapport.Storage;

/// <summary>
/// Which page of a list to read by keyset: at most <see cref="Limit"/> rows that follow the row <see cref="After"/>
/// names (the <see cref="KeysetPage{T}.Next"/> of the previous page, unchanged), or the first rows when it is null.
/// The SQL starts after that row's sort key, so a walk sees every row once however long the list, and rows added
/// meanwhile neither repeat nor shift the pages behind the reader.
/// </summary>
public readonly record struct KeysetRequest(int Limit, string? After = null);
