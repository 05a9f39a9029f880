namespace Rapport.Core.Journey;

/// <summary>A journey map file that cannot be used, with the reason.</summary>
public sealed class JourneyMapException(string message) : Exception(message);
