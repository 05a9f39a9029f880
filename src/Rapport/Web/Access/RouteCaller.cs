using System.Security.Claims;
using Rapport.Core.ApiKeys;

namespace Rapport.Web.Access;

/// <summary>
/// Who sent a request, found once per request (the key looked up, the session cookie read) and kept for every later
/// check: the route's enforcement, then the handler's own <see cref="ApiAccess.RequireAsync"/>.
/// </summary>
/// <param name="Key">The API key in the Authorization header (bearer token or HTTP Basic user name), if any.</param>
/// <param name="User">The signed-in dashboard user, when no key was sent.</param>
internal sealed record RouteCaller(ApiKeyGrant? Key, ClaimsPrincipal? User)
{
    public static RouteCaller Anonymous { get; } = new(null, null);
}
