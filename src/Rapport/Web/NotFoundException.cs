namespace Rapport.Web;

/// <summary>A request for something that does not exist; answered with 404 problem details.</summary>
internal sealed class NotFoundException(string message) : Exception(message);
