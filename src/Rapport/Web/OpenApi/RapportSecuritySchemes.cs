using Microsoft.OpenApi;
using Rapport.Web.Access;

namespace Rapport.Web.OpenApi;

/// <summary>
/// How a caller proves who they are, as the OpenAPI document names it, and which proofs each <see cref="RouteAccess"/>
/// accepts. OpenAPI 3.1 lets any scheme list role names; Rapport lists the dashboard role for a session and the key
/// scope for a key.
/// </summary>
internal static class RapportSecuritySchemes
{
    public const string Session = "session";
    public const string ApiKey = "apiKey";
    public const string WriteKey = "writeKey";
    public const string GitHubSignature = "githubSignature";

    public static Dictionary<string, IOpenApiSecurityScheme> All() => new()
    {
        [Session] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = "rapport.session",
            Description = "A dashboard user's session (sign in at /signin). The roles are viewer, editor and owner; a request "
                + "that changes developers also carries the dashboard's anti-forgery token in the RequestVerificationToken header.",
        },
        [ApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "rpk_…",
            Description = "An API key (rapport keys create --scope read|admin) as Authorization: Bearer KEY. The scopes are "
                + "ingest (send events), read (what a viewer sees) and admin (everything else); a key acts on its own workspace.",
        },
        [WriteKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "basic",
            Description = "An API key as the HTTP Basic user name with an empty password (curl -u KEY:), as Segment's clients send "
                + "their write key. The same scopes as apiKey.",
        },
        [GitHubSignature] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-Hub-Signature-256",
            Description = "GitHub's HMAC-SHA256 signature of the delivery with the workspace's secret (rapport hooks github secret).",
        },
    };

    /// <summary>The alternatives a route accepts (any one will do); none for a public route.</summary>
    public static List<OpenApiSecurityRequirement> RequirementsFor(RouteAccess access, OpenApiDocument document) => access switch
    {
        RouteAccess.Public => [],
        RouteAccess.Signed => [Requirement(document, GitHubSignature)],
        RouteAccess.Ingest => [Requirement(document, WriteKey, "ingest")],
        RouteAccess.Viewer => [Requirement(document, Session, "viewer"), Requirement(document, ApiKey, "read"), Requirement(document, WriteKey, "read")],
        RouteAccess.Editor => [Requirement(document, Session, "editor"), Requirement(document, ApiKey, "admin"), Requirement(document, WriteKey, "admin")],
        RouteAccess.Owner => [Requirement(document, Session, "owner"), Requirement(document, ApiKey, "admin"), Requirement(document, WriteKey, "admin")],
        RouteAccess.OwnerSession => [Requirement(document, Session, "owner")],
        _ => throw new ArgumentOutOfRangeException(nameof(access), access, null),
    };

    private static OpenApiSecurityRequirement Requirement(OpenApiDocument document, string scheme, params string[] roles) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [.. roles] };
}
