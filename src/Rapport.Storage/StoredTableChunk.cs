namespace Rapport.Storage;

/// <summary>
/// Some of one workspace's stored rows of one table, exactly as stored, for copying a workspace to another store.
/// <see cref="Rows"/> hold the columns of <see cref="StoredTables.ColumnsOf"/> (all but <c>workspace_id</c>), in that
/// order, as <see cref="long"/>, <see cref="string"/> (text and JSON), UTC <see cref="DateTime"/>, <see cref="Guid"/> or <c>null</c>.
/// </summary>
public sealed record StoredTableChunk(string Table, IReadOnlyList<object?[]> Rows);
