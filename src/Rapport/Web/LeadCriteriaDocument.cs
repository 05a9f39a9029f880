namespace Rapport.Web;

/// <summary>
/// The lead criteria as JSON (<c>GET</c>/<c>PUT /api/v1/leads/criteria</c>); <see cref="Rapport.Core.Leads.LeadCriteria"/>
/// reads and writes it, this describes it in the OpenAPI document.
/// </summary>
internal sealed record LeadCriteriaDocument(IReadOnlyList<LeadCriteriaDocument.Rule> Rules, int? ActiveWithinDays, bool DevelopersWithoutOrganization)
{
    /// <summary>At least <paramref name="Developers"/> developers at <paramref name="Stage"/> or beyond.</summary>
    internal sealed record Rule(int Developers, string Stage);
}
