using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Rapport.Core.Users;

namespace Rapport.Web.Dashboard;

/// <summary>What the sign-in cookie says about its user, and reading it back.</summary>
internal static class UserClaims
{
    public static ClaimsPrincipal Principal(UserAccount user) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Email, user.Email),
            new Claim(ClaimTypes.Name, user.Email),
            new Claim(ClaimTypes.Role, UserRoles.Name(user.Role)),
        ],
        CookieAuthenticationDefaults.AuthenticationScheme));

    public static long? UserId(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    public static string Email(ClaimsPrincipal principal) => principal.FindFirstValue(ClaimTypes.Email) ?? "";

    public static UserRole? Role(ClaimsPrincipal principal) =>
        principal.FindFirstValue(ClaimTypes.Role) is { } role ? UserRoles.Parse(role) : null;

    public static bool Can(ClaimsPrincipal principal, UserRole role) => Role(principal) is { } held && held >= role;
}
