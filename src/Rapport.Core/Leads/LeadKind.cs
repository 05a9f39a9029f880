namespace Rapport.Core.Leads;

/// <summary>What qualified: an organization, or one developer whom no organization is known for.</summary>
public enum LeadKind
{
    Organization,
    Developer,
}
