using System.Text.Json;
using Rapport.Core.Audit;
using Rapport.Core.Identities;
using Rapport.Core.Users;
using Rapport.Storage;
using Rapport.Web.Access;
using Rapport.Web.Paging;

namespace Rapport.Web;

/// <summary>A developer's export and erasure, and the audit log, over HTTP: owners only (docs/security.md).</summary>
internal static class PrivacyEndpoints
{
    public static void MapPrivacyEndpoints(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup("/api/v1/members");
        members.MapGet("/{identity}/export", ExportAsync)
            .WithName("ExportMember")
            .WithSummary("Everything Rapport holds about one developer, table by table (a data subject's access request).")
            .RequiresAccess(RouteAccess.Owner)
            .Produces<IReadOnlyDictionary<string, JsonElement>>(StatusCodes.Status200OK);
        members.MapDelete("/{identity}", EraseAsync)
            .WithName("EraseMember")
            .WithSummary("Erase one developer and everything derived from them; late events for their identities are dropped.")
            .RequiresAccess(RouteAccess.Owner);
        app.MapGet("/api/v1/audit", ListAuditAsync)
            .WithName("ListAuditEntries")
            .WithSummary("The audit log of administrative actions, newest first.")
            .RequiresAccess(RouteAccess.Owner);
    }

    // The export's shape is the stored tables' (it grows with them), so it is described as an object of tables, not a JsonObject.
    private static async Task<IResult> ExportAsync(
        HttpContext context, IRapportStore store, ApiAccess access, string identity, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Owner, cancellationToken);
        var parsed = Parse(identity);
        return TypedResults.Ok(await store.ExportMemberAsync(caller.Workspace, parsed, cancellationToken)
            ?? throw new NotFoundException($"No developer has the identity {parsed}."));
    }

    private static async Task<Ok<MemberErasure>> EraseAsync(
        HttpContext context, IRapportStore store, ApiAccess access, string identity, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Owner, cancellationToken);
        var parsed = Parse(identity);
        return TypedResults.Ok(await store.EraseMemberAsync(caller.Workspace, parsed, caller.Name, cancellationToken)
            ?? throw new NotFoundException($"No developer has the identity {parsed}."));
    }

    private static async Task<Ok<Page<AuditEntry>>> ListAuditAsync(
        HttpContext context, IRapportStore store, ApiAccess access, [AsParameters] PageRequest page, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Owner, cancellationToken);
        const string list = "ListAuditEntries";
        return TypedResults.Ok(Pages.Keyed(await store.ListAuditEntriesAsync(caller.Workspace, page.Keyset(list), cancellationToken), list));
    }

    private static Identity Parse(string identity) =>
        Identity.TryParse(identity, out var parsed, out var reason) ? parsed : throw new FormatException(reason);
}
