using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Rapport.Storage;
using Rapport.Web.Access;

namespace Rapport.Web.Dashboard;

/// <summary>The dashboard's wiring: Razor Pages, sign-in cookies, roles and anti-forgery.</summary>
internal static class DashboardSetup
{
    public static IServiceCollection AddDashboard(this IServiceCollection services, IRapportStore store)
    {
        services.AddDataProtection().SetApplicationName("Rapport");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(
            new ConfigureOptions<KeyManagementOptions>(options => options.XmlRepository = new StoreXmlRepository(store)));

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
        {
            options.Cookie.Name = "rapport.session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request came over HTTPS, also through a TLS-terminating proxy (forwarded headers).
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromDays(7);
            options.SlidingExpiration = true;
            options.LoginPath = "/signin";
            options.LogoutPath = "/signout";
            options.AccessDeniedPath = "/forbidden";
            options.Events.OnValidatePrincipal = ValidateUserAsync;
        });
        services.AddAuthorization();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "rapport.csrf";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.FormFieldName = "__csrf";
        });
        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Web/Dashboard/Pages";
            // Pages declare who may open them like every other route; RouteAccessEnforcement applies it.
            options.Conventions.AddFolderApplicationModelConvention("/", page =>
                page.EndpointMetadata.Add(new RouteAccessMetadata(DashboardRouteAccess.Of(page.ViewEnginePath))));
        });
        services.Configure<ForwardedHeadersOptions>(options =>
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        return services;
    }

    public static void UseDashboard(this WebApplication app)
    {
        // Only proxies on this machine (the defaults: loopback) are believed about the original scheme and client.
        app.UseForwardedHeaders();

        // After the forwarded headers, so that limits count the client's address rather than the proxy's.
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<RouteAccessEnforcement>();
        app.MapAssetEndpoints();
        app.MapRazorPages();
    }

    /// <summary>
    /// A removed or disabled user is signed out at their next request and a changed role applies at once: the cookie is checked
    /// against the store on every request (one indexed lookup in a small table).
    /// </summary>
    private static async Task ValidateUserAsync(CookieValidatePrincipalContext context)
    {
        var store = context.HttpContext.RequestServices.GetRequiredService<IRapportStore>();
        var user = UserClaims.UserId(context.Principal!) is { } id
            ? await store.GetUserAsync(id, context.HttpContext.RequestAborted)
            : null;
        if (user is null || user.DisabledAt is not null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        if (UserClaims.Role(context.Principal!) != user.Role)
        {
            context.ReplacePrincipal(UserClaims.Principal(user));
            context.ShouldRenew = true;
        }
    }
}
