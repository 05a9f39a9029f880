namespace Rapport.Storage;

/// <summary>Messages that were not stored because the store could not commit them, or is shutting down; retry later.</summary>
public sealed class IngestUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);
