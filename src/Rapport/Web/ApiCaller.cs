using Rapport.Core.Workspaces;

namespace Rapport.Web;

/// <summary>Who called the management API, and the workspace they act on.</summary>
/// <param name="Name">How changes they make are signed: a dashboard user's email, or <c>key:rpk_…</c>.</param>
internal sealed record ApiCaller(Workspace Workspace, string Name);
