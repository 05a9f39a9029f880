namespace Rapport.Web.Access;

/// <summary>Declares who may call a route.</summary>
internal static class RouteAccessExtensions
{
    public static TBuilder RequiresAccess<TBuilder>(this TBuilder builder, RouteAccess access)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new RouteAccessMetadata(access));
}
