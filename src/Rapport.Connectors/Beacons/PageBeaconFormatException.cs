namespace Rapport.Connectors.Beacons;

/// <summary>A beacon body that is not what <c>/t.js</c> sends; the message names the field.</summary>
public sealed class PageBeaconFormatException(string message) : Exception(message);
