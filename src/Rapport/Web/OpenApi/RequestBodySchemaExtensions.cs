namespace Rapport.Web.OpenApi;

/// <summary>Declares the body a handler reads itself (see <see cref="RequestBodySchemaMetadata"/> and <see cref="RequestUploadMetadata"/>).</summary>
internal static class RequestBodySchemaExtensions
{
    public static TBuilder DescribesBody<TBody, TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new RequestBodySchemaMetadata(typeof(TBody)));

    public static RouteHandlerBuilder DescribesBody<TBody>(this RouteHandlerBuilder builder) => builder.DescribesBody<TBody, RouteHandlerBuilder>();

    /// <summary>Declares a file sent as the body in one of <paramref name="contentTypes"/>, or as a form's one file; or else <paramref name="json"/>.</summary>
    public static RouteHandlerBuilder DescribesUpload(this RouteHandlerBuilder builder, IReadOnlyList<string> contentTypes, Type? json = null) =>
        builder.WithMetadata(new RequestUploadMetadata(contentTypes, json));
}
