namespace Rapport.Web;

/// <summary>A request without a key, or with one that is unknown, revoked or of the wrong scope; answered with 401.</summary>
internal sealed class ApiKeyRejectedException(string message) : Exception(message);
