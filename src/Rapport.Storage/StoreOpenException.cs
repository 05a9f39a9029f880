namespace Rapport.Storage;

/// <summary>A store that cannot be opened or used as asked, with a message for the person who asked.</summary>
public sealed class StoreOpenException(string message, Exception? inner = null) : Exception(message, inner);
