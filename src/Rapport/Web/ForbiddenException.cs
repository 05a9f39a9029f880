namespace Rapport.Web;

/// <summary>A request by someone known who may not do what it asks (a viewer merging developers); answered with 403.</summary>
internal sealed class ForbiddenException(string message) : Exception(message);
