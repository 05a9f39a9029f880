namespace Rapport.Core.Events;

/// <summary>What money spent on an event paid for.</summary>
public enum CostCategory
{
    Sponsorship,
    Travel,
    Other,
}
