namespace Rapport.Storage;

/// <summary>A workspace copy's target already holds data: a copy keeps every id, so it only goes into an empty workspace.</summary>
public sealed class WorkspaceNotEmptyException(string message) : Exception(message);
