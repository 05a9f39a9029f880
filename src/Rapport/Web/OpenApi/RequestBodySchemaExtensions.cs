namespace Rapport.Web.OpenApi;

/// <summary>Declares the JSON body a handler reads itself (see <see cref="RequestBodySchemaMetadata"/>).</summary>
internal static class RequestBodySchemaExtensions
{
    public static TBuilder DescribesBody<TBody, TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new RequestBodySchemaMetadata(typeof(TBody)));

    public static RouteHandlerBuilder DescribesBody<TBody>(this RouteHandlerBuilder builder) => builder.DescribesBody<TBody, RouteHandlerBuilder>();
}
