using Rapport.Core.Journey;
using Rapport.Core.Webhooks;

namespace Rapport.Core.Leads;

/// <summary>The webhook events leads announce.</summary>
public static class LeadEvents
{
    /// <summary>
    /// <c>drql.created</c> for a lead that qualified for the first time. Its id comes from the lead's key, so a lead
    /// is announced once however many refreshes see it first.
    /// </summary>
    public static WebhookEvent Created(Lead lead)
    {
        var developers = string.Join(", ", lead.Developers.Take(5).Select(d => $"{d.Name ?? d.Identity ?? $"#{d.MemberId}"} ({JourneyStages.Name(d.Stage)})"));
        var more = lead.DeveloperCount > 5 ? $" and {lead.DeveloperCount - 5} more" : "";
        var text = $"New DevRel-qualified lead: {lead.Name} — {lead.Reason}. Developers: {developers}{more}.";
        return WebhookEvent.Create(
            WebhookEventNames.DrqlCreated,
            new
            {
                Lead = new
                {
                    lead.Id,
                    lead.Key,
                    lead.Kind,
                    lead.Name,
                    lead.Reason,
                    lead.Status,
                    lead.FirstQualifiedAt,
                    lead.DeveloperCount,
                    Developers = lead.Developers,
                },
            },
            lead.FirstQualifiedAt,
            text,
            idempotencyKey: lead.Key);
    }
}
