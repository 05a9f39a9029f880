namespace Rapport.Storage;

/// <summary>A column a workspace copy reads and writes, and the kind of value it holds.</summary>
internal sealed record StoredColumn(string Name, StoredColumnType Type);
