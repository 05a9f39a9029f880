using System.Net.Http.Headers;
using System.Text;
using Rapport.Core.ApiKeys;
using Rapport.Storage;

namespace Rapport.Web;

/// <summary>
/// Finds the key a request was sent with, as Segment's clients send it: the HTTP Basic user name (with an empty
/// password), or else a <c>writeKey</c> in the body; and checks that it may do what the endpoint does.
/// </summary>
internal sealed class WriteKeyAuthenticator(IRapportStore store)
{
    public async Task<ApiKeyGrant> AuthenticateAsync(
        HttpRequest request, string? bodyWriteKey, ApiKeyScope required, CancellationToken cancellationToken)
    {
        var key = BasicUserName(request) ?? bodyWriteKey;
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new ApiKeyRejectedException(
                "No write key: send it as the HTTP Basic user name with an empty password (curl -u KEY:) or as writeKey in the body.");
        }

        var grant = await store.AuthenticateApiKeyAsync(key.Trim(), cancellationToken)
            ?? throw new ApiKeyRejectedException("The write key is not valid: it is unknown or was revoked.");
        if (!grant.Scope.Allows(required))
        {
            throw new ApiKeyRejectedException(
                $"The key {grant.Prefix}… has the scope {ApiKeyScopes.Name(grant.Scope)}; this needs a key with the scope {ApiKeyScopes.Name(required)}.");
        }

        return grant;
    }

    /// <summary>
    /// For the API's own endpoints: the key as a bearer token (<c>Authorization: Bearer KEY</c>) or the HTTP Basic
    /// user name, with at least the <paramref name="required"/> scope.
    /// </summary>
    public Task<ApiKeyGrant> AuthenticateAsync(HttpRequest request, ApiKeyScope required, CancellationToken cancellationToken)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            && header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(header.Parameter))
        {
            return AuthenticateAsync(request, header.Parameter, required, cancellationToken);
        }

        return AuthenticateAsync(request, bodyWriteKey: null, required, cancellationToken);
    }

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
