namespace Rapport.Storage;

/// <summary>The workspace has no merge suggestion, or no merge, with the id asked for.</summary>
public sealed class MergeRecordNotFoundException(string message) : Exception(message);
