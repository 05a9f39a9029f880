using Rapport.Core.Identities;
using Rapport.Storage;
using Rapport.Web.Access;

namespace Rapport.Web;

/// <summary>Developers over HTTP, found by any identity (<c>/api/v1/members/github:octocat</c>), with their community level.</summary>
internal static class MemberEndpoints
{
    public static void MapMemberEndpoints(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup("/api/v1/members");
        members.MapGet("/{identity}", GetMemberAsync)
            .WithName("GetMember")
            .WithSummary("One developer, found by any of their identities, with their community level.")
            .RequiresAccess(RouteAccess.Viewer);
    }

    private static async Task<Ok<MemberDocument>> GetMemberAsync(
        IRapportStore store, WorkspaceResolver workspaces, string identity, string? workspace, CancellationToken cancellationToken)
    {
        if (!Identity.TryParse(identity, out var parsed, out var reason))
        {
            throw new FormatException(reason);
        }

        var resolved = await workspaces.ResolveAsync(workspace, cancellationToken);
        var member = await store.FindMemberAsync(resolved, parsed, cancellationToken)
            ?? throw new NotFoundException($"No developer has the identity {parsed}.");
        return TypedResults.Ok(MemberDocument.Create(member, await store.GetMemberLevelAsync(resolved, member.Id, cancellationToken)));
    }
}
