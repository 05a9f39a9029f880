namespace Rapport.Storage;

/// <summary>The store cannot be reached or used (its file is gone, its server does not answer).</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
