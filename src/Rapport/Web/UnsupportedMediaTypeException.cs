namespace Rapport.Web;

/// <summary>A body sent as a content type the endpoint does not read (415).</summary>
internal sealed class UnsupportedMediaTypeException(string message) : Exception(message);
