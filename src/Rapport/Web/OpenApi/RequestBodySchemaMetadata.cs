namespace Rapport.Web.OpenApi;

/// <summary>
/// The JSON a handler reads from the body itself, for the OpenAPI document only. <c>Accepts&lt;T&gt;</c> would describe
/// it too but also make routing refuse other content types with 415, which Segment clients and <c>curl -d</c> send.
/// </summary>
internal sealed record RequestBodySchemaMetadata(Type Type);
