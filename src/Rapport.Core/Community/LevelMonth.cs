namespace Rapport.Core.Community;

/// <summary>
/// One month of the level history: members per level at its end, promotions and demotions during it, and (up to a
/// limit, <see cref="Moves"/> being the full count) the members who moved.
/// </summary>
public sealed record LevelMonth(string Month, long Passive, long Active, long Hero, long Promotions, long Demotions, IReadOnlyList<LevelMove> Moved)
{
    public long Moves => Promotions + Demotions;
}
