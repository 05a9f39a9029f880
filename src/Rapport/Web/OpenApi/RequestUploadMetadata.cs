namespace Rapport.Web.OpenApi;

/// <summary>
/// A file a handler reads from the body itself (an import), for the OpenAPI document only: the content types it takes
/// (and <c>multipart/form-data</c> with one file), and the JSON it also takes instead, if any.
/// </summary>
internal sealed record RequestUploadMetadata(IReadOnlyList<string> ContentTypes, Type? Json);
