namespace Rapport.Core.Leads;

/// <summary>Where a lead stands in the handoff to sales. Rapport records the handoff, never a sale or its revenue.</summary>
public enum LeadStatus
{
    /// <summary>Qualified; nobody has looked at it yet.</summary>
    New,

    /// <summary>Given to sales.</summary>
    HandedOff,

    /// <summary>Sales took it up.</summary>
    Accepted,

    /// <summary>Sales turned it down (the note says why).</summary>
    Rejected,
}
