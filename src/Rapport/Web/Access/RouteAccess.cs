namespace Rapport.Web.Access;

/// <summary>
/// Who may call a route. Every route declares one (see <see cref="RouteAccessExtensions.RequiresAccess{TBuilder}"/>) so
/// that the authorization matrix test and the OpenAPI security requirements are generated from the route table rather
/// than kept by hand beside it.
/// </summary>
internal enum RouteAccess
{
    /// <summary>Anyone: health probes, the tracking script, tracked-link redirects, the sign-in page.</summary>
    Public,

    /// <summary>A caller proving itself with a shared secret in the request (a signed GitHub webhook delivery).</summary>
    Signed,

    /// <summary>An API key with the scope <c>ingest</c> or above (a Segment client's write key).</summary>
    Ingest,

    /// <summary>A signed-in viewer, or an API key with the scope <c>read</c> or above.</summary>
    Viewer,

    /// <summary>A signed-in editor, or an API key with the scope <c>admin</c>.</summary>
    Editor,

    /// <summary>A signed-in owner, or an API key with the scope <c>admin</c>.</summary>
    Owner,

    /// <summary>
    /// A signed-in owner only, never an API key: the dashboard's users belong to the whole installation, while a key
    /// belongs to one workspace, so a key that manages users would reach beyond its workspace.
    /// </summary>
    OwnerSession,
}
