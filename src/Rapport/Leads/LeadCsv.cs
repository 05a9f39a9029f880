using Rapport.Core.Journey;
using Rapport.Core.Leads;
using Rapport.Web.Dashboard;

namespace Rapport.Leads;

/// <summary>Leads as CSV, the same from <c>rapport leads export</c>, the API and the dashboard's download.</summary>
internal static class LeadCsv
{
    public static IReadOnlyList<string> Header { get; } =
    [
        "id", "name", "kind", "status", "qualifies", "reason", "developers", "developer_list", "first_qualified_at", "lapsed_at",
        "status_changed_by", "status_changed_at", "note",
    ];

    public static byte[] Write(IEnumerable<Lead> leads) => CsvFile.Write(Header, leads.Select(lead => (IReadOnlyList<object?>)
    [
        lead.Id, lead.Name, lead.Kind == LeadKind.Organization ? "organization" : "developer", LeadStatuses.Name(lead.Status),
        lead.Qualifies ? "yes" : "no", lead.Reason, lead.DeveloperCount,
        string.Join("; ", lead.Developers.Select(d => $"{d.Name ?? d.Identity ?? $"#{d.MemberId}"} ({JourneyStages.Name(d.Stage)})")),
        lead.FirstQualifiedAt, lead.LapsedAt, lead.StatusChangedBy, lead.StatusChangedAt, lead.Note,
    ]));
}
