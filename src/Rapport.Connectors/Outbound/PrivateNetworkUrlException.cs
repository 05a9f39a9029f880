namespace Rapport.Connectors.Outbound;

/// <summary>
/// A URL that would make Rapport reach a loopback, private, link-local or metadata address, refused because
/// <c>Security:AllowPrivateNetworkUrls</c> is off. A <see cref="FormatException"/>, so that the API answers 400
/// problem details and the command line names the URL and the reason, as for any other bad URL.
/// </summary>
public sealed class PrivateNetworkUrlException(string message) : FormatException(message);
