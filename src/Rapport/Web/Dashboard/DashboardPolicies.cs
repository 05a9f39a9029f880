namespace Rapport.Web.Dashboard;

/// <summary>
/// The authorization policies of the dashboard, one per role: a page or form names the least role that may use it.
/// </summary>
internal static class DashboardPolicies
{
    /// <summary>Anyone signed in: owners, editors and viewers.</summary>
    public const string Viewer = "viewer";

    /// <summary>Editors and owners: they may change developers, notes, tags and outreach.</summary>
    public const string Editor = "editor";

    /// <summary>Owners only: users, keys and settings.</summary>
    public const string Owner = "owner";
}
