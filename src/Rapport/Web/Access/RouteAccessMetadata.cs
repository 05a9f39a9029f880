namespace Rapport.Web.Access;

/// <summary>The endpoint metadata that carries a route's <see cref="RouteAccess"/>.</summary>
internal sealed record RouteAccessMetadata(RouteAccess Access);
