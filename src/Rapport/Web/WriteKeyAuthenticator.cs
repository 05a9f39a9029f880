using System.Net.Http.Headers;
using System.Text;
using Rapport.Core.ApiKeys;
using Rapport.Core.Users;
using Rapport.Storage;

namespace Rapport.Web;

/// <summary>
/// The key a request was sent with, as Segment's clients send it: in the Authorization header (HTTP Basic user name
/// with an empty password, or a bearer token), or else a <c>writeKey</c> in the body. The rules are
/// <see cref="ApiAccess"/>'s; the answer is a grant, which endpoints written for keys expect. A signed-in dashboard
/// user whose role covers the scope gets a grant for the requested workspace, named by their email.
/// </summary>
internal sealed class WriteKeyAuthenticator(IRapportStore store, ApiAccess access)
{
    public async Task<ApiKeyGrant> AuthenticateAsync(
        HttpRequest request, string? bodyWriteKey, ApiKeyScope required, CancellationToken cancellationToken)
    {
        var context = request.HttpContext;
        if (await access.RequireKeyAsync(context, required, cancellationToken) is { } headerGrant)
        {
            return headerGrant;
        }

        if (!string.IsNullOrWhiteSpace(bodyWriteKey))
        {
            return await AuthenticateBodyKeyAsync(bodyWriteKey, required, cancellationToken);
        }

        if (required != ApiKeyScope.Ingest && context.User.Identity?.IsAuthenticated == true)
        {
            var role = required == ApiKeyScope.Read ? UserRole.Viewer : UserRole.Editor;
            var caller = await access.RequireAsync(context, context.Request.Query["workspace"].ToString(), role, cancellationToken);
            return new ApiKeyGrant(caller.Workspace, required, KeyId: 0, Prefix: caller.Name);
        }

        throw new ApiKeyRejectedException(
            "No key: send it as the HTTP Basic user name with an empty password (curl -u KEY:), as a bearer token, or as writeKey in the body.");
    }

    /// <summary>For the API's own endpoints: the key in the Authorization header, or a signed-in user whose role covers the scope.</summary>
    /// <summary>A key that travels in the body only (a beacon cannot set headers): unknown or revoked is 401, a smaller scope 403.</summary>
    public async Task<ApiKeyGrant> AuthenticateBodyKeyAsync(string key, ApiKeyScope required, CancellationToken cancellationToken)
    {
        var grant = await store.AuthenticateApiKeyAsync(key.Trim(), cancellationToken)
            ?? throw new ApiKeyRejectedException("The write key is not valid: it is unknown or was revoked.");
        return grant.Scope.Allows(required)
            ? grant
            : throw new ForbiddenException(
                $"The key {grant.Prefix}… has the scope {ApiKeyScopes.Name(grant.Scope)}; this needs a key with the scope {ApiKeyScopes.Name(required)}.");
    }

    public Task<ApiKeyGrant> AuthenticateAsync(HttpRequest request, ApiKeyScope required, CancellationToken cancellationToken) =>
        AuthenticateAsync(request, bodyWriteKey: null, required, cancellationToken);

    public static bool HasBasicCredentials(HttpRequest request) => BasicUserName(request) is not null;

    /// <summary>The HTTP Basic user name, where Segment's clients put the key; <c>null</c> without Basic credentials.</summary>
    public static string? BasicUserName(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            || !header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return null;
        }

        var bytes = new byte[(header.Parameter.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(header.Parameter, bytes, out var length))
        {
            throw new ApiKeyRejectedException("The Authorization header is not valid HTTP Basic authentication.");
        }

        var credentials = Encoding.UTF8.GetString(bytes, 0, length);
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        var user = colon < 0 ? credentials : credentials[..colon];
        return user.Length == 0 ? null : user;
    }
}
