namespace Rapport.Web;

/// <summary>A caller who is known but may not do this (a viewer merging developers or changing a lead, a read key managing webhooks); answered with 403.</summary>
internal sealed class ForbiddenException(string message) : Exception(message);
