namespace Rapport.Core.Pulse;

/// <summary>What the community health pulse covers and when it raises an alert (docs/community.md#health-pulse).</summary>
public sealed record PulseRules
{
    /// <summary>Weeks of the series, ending with the week of the "as of" time.</summary>
    public int Weeks { get; init; } = 12;

    /// <summary>Members with this tag are the team: their activities are the team's engagement, not the community's.</summary>
    public string TeamTag { get; init; } = "team";

    /// <summary>The team has lapsed when none of it has been active for this many days.</summary>
    public int QuietDays { get; init; } = 7;

    /// <summary>Responses have lapsed when last week's median first response took longer than this.</summary>
    public double MaxMedianResponseHours { get; init; } = 48;

    public static PulseRules Default { get; } = new();

    public void Validate()
    {
        if (Weeks is < 1 or > 260)
        {
            throw new FormatException($"the pulse covers 1 to 260 weeks, not {Weeks}");
        }

        if (QuietDays is < 1 or > 365)
        {
            throw new FormatException($"the team's quiet days are 1 to 365, not {QuietDays}");
        }

        if (MaxMedianResponseHours is <= 0 or > 24 * 365 || double.IsNaN(MaxMedianResponseHours))
        {
            throw new FormatException($"the response threshold is more than 0 hours and at most a year, not {MaxMedianResponseHours}");
        }

        if (string.IsNullOrWhiteSpace(TeamTag))
        {
            throw new FormatException("the team's tag cannot be empty");
        }
    }
}
