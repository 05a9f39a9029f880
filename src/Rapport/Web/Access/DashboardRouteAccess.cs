namespace Rapport.Web.Access;

/// <summary>Who may open each dashboard page, by its path under <c>Pages/</c>: the pages' part of the route table.</summary>
internal static class DashboardRouteAccess
{
    public static RouteAccess Of(string pagePath) => pagePath switch
    {
        "/SignIn" or "/SignInLink" or "/Forbidden" => RouteAccess.Public,
        _ when pagePath.StartsWith("/Settings/", StringComparison.Ordinal) => RouteAccess.Owner,
        _ => RouteAccess.Viewer,
    };
}
