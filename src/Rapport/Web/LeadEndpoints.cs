using System.Text;
using Rapport.Core.Leads;
using Rapport.Core.Users;
using Rapport.Leads;
using Rapport.Storage;
using Rapport.Web.Access;
using Rapport.Web.Csv;
using Rapport.Web.Dashboard;
using Rapport.Web.OpenApi;
using Rapport.Web.Paging;
using Rapport.Webhooks;

namespace Rapport.Web;

/// <summary>DevRel-qualified leads over HTTP: the same store calls and JSON as <c>rapport leads</c>.</summary>
internal static class LeadEndpoints
{
    public static void MapLeadEndpoints(this IEndpointRouteBuilder app)
    {
        var leads = app.MapGroup("/api/v1/leads");
        leads.MapGet("/", ListAsync)
            .WithName("ListLeads")
            .WithSummary("List the workspace's leads, newest first.")
            .RequiresAccess(RouteAccess.Viewer)
            .WithCsvExport();
        leads.MapGet("/{id:long}", GetAsync)
            .WithName("GetLead")
            .WithSummary("One lead, with its status history.")
            .RequiresAccess(RouteAccess.Viewer);
        leads.MapPatch("/{id:long}", UpdateAsync)
            .WithName("UpdateLead")
            .WithSummary("Set a lead's status, with a note.")
            .RequiresAccess(RouteAccess.Editor);
        leads.MapPost("/refresh", RefreshAsync)
            .WithName("RefreshLeads")
            .WithSummary("Find new DevRel-qualified leads and lapse those that no longer qualify.")
            .RequiresAccess(RouteAccess.Editor);
        leads.MapGet("/export.csv", ExportAsync)
            .WithName("ExportLeads")
            .WithSummary("The leads as CSV.")
            .RequiresAccess(RouteAccess.Viewer)
            .Produces<string>(StatusCodes.Status200OK, CsvFile.ContentType);
        leads.MapGet("/criteria", GetCriteriaAsync)
            .WithName("GetLeadCriteria")
            .WithSummary("The lead criteria in force.")
            .RequiresAccess(RouteAccess.Viewer)
            .Produces<LeadCriteriaDocument>();
        leads.MapPut("/criteria", SetCriteriaAsync)
            .WithName("SetLeadCriteria")
            .WithSummary("Replace the lead criteria.")
            .RequiresAccess(RouteAccess.Owner)
            .DescribesBody<LeadCriteriaDocument>()
            .Produces<LeadCriteriaDocument>();
    }

    private static async Task<Ok<Page<Lead>>> ListAsync(
        HttpContext context, IRapportStore store, ApiAccess access, [AsParameters] PageRequest page, string? status, string? workspace,
        CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Viewer, cancellationToken);
        const string list = "ListLeads";
        return TypedResults.Ok(Pages.Keyed(await store.ListLeadsAsync(caller.Workspace, ParseStatus(status), page.Keyset(list), cancellationToken), list));
    }

    private static async Task<Ok<Lead>> GetAsync(
        HttpContext context, IRapportStore store, ApiAccess access, long id, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Viewer, cancellationToken);
        return TypedResults.Ok(await store.GetLeadAsync(caller.Workspace, id, cancellationToken) ?? throw new NotFoundException($"There is no lead {id}."));
    }

    private static async Task<Ok<Lead>> UpdateAsync(
        HttpContext context, IRapportStore store, ApiAccess access, long id, LeadStatusRequest request, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Editor, cancellationToken);
        var status = ParseStatus(request.Status) ?? throw new FormatException("status is required: new, handed_off, accepted or rejected");
        return TypedResults.Ok(await store.UpdateLeadStatusAsync(caller.Workspace, id, status, request.Note, caller.Name, cancellationToken)
            ?? throw new NotFoundException($"There is no lead {id}."));
    }

    private static async Task<Ok<LeadRefreshResult>> RefreshAsync(
        HttpContext context, IRapportStore store, ApiAccess access, WebhookDeliverySignal deliveries, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Editor, cancellationToken);
        var result = await store.RefreshLeadsAsync(caller.Workspace, cancellationToken);
        if (result.Created.Count > 0)
        {
            deliveries.Notify();
        }

        return TypedResults.Ok(result);
    }

    private static async Task<FileContentHttpResult> ExportAsync(
        HttpContext context, IRapportStore store, ApiAccess access, string? status, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Viewer, cancellationToken);
        var leads = await store.ListLeadsAsync(caller.Workspace, ParseStatus(status), cancellationToken);
        return TypedResults.File(LeadCsv.Write(leads), CsvFile.ContentType, $"{caller.Workspace.Slug}-leads.csv");
    }

    private static async Task<ContentHttpResult> GetCriteriaAsync(
        HttpContext context, IRapportStore store, ApiAccess access, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Viewer, cancellationToken);
        return TypedResults.Text((await store.GetLeadCriteriaAsync(caller.Workspace, cancellationToken)).ToJson(), "application/json", Encoding.UTF8);
    }

    /// <summary>Replaces the criteria with the JSON body (as <c>rapport leads criteria set</c> reads a file); owners only.</summary>
    private static async Task<ContentHttpResult> SetCriteriaAsync(
        HttpContext context, IRapportStore store, ApiAccess access, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Owner, cancellationToken);
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var criteria = LeadCriteria.Parse(await reader.ReadToEndAsync(cancellationToken));
        await store.SetLeadCriteriaAsync(caller.Workspace, criteria, cancellationToken);
        return TypedResults.Text(criteria.ToJson(), "application/json", Encoding.UTF8);
    }

    private static LeadStatus? ParseStatus(string? status) => string.IsNullOrWhiteSpace(status) ? null : LeadStatuses.Parse(status);
}
