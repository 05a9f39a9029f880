namespace Rapport.Core.Coverage;

/// <summary>
/// When a cell is under-served: its demand share is at least <see cref="MinDemandShare"/> and its supply share is
/// below <see cref="MaxSupplyRatio"/> times its demand share (docs/coverage.md).
/// </summary>
public sealed record UnderServedRule(double MinDemandShare, double MaxSupplyRatio)
{
    public static UnderServedRule Default { get; } = new(0.10, 0.5);

    public bool Applies(double demandShare, double supplyShare) =>
        demandShare > 0 && demandShare >= MinDemandShare && supplyShare < MaxSupplyRatio * demandShare;
}
