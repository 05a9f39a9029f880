namespace Rapport.Core.Reach;

/// <summary>The reach categories derived from a <see cref="TrafficClass"/>, named as reports name them.</summary>
public static class TrafficClasses
{
    public static bool IsHuman(this TrafficClass traffic) => (traffic & TrafficClass.Bot) == 0;

    public static bool IsOrganic(this TrafficClass traffic) => (traffic & (TrafficClass.Bot | TrafficClass.Paid)) == 0;

    /// <summary>Human, organic and engaged: the reach that counts.</summary>
    public static bool IsValidated(this TrafficClass traffic) => (traffic & (TrafficClass.Bot | TrafficClass.Paid | TrafficClass.Engaged)) == TrafficClass.Engaged;

    /// <summary>Human and engaged but bought: shown beside validated reach, never in it.</summary>
    public static bool IsPaidEngaged(this TrafficClass traffic) =>
        (traffic & (TrafficClass.Bot | TrafficClass.Paid | TrafficClass.Engaged)) == (TrafficClass.Paid | TrafficClass.Engaged);

    /// <summary>Lower-case names of the flags set (<c>bot</c>, <c>paid</c>, <c>engaged</c>), for properties and JSON.</summary>
    public static IReadOnlyList<string> Names(this TrafficClass traffic)
    {
        var names = new List<string>(3);
        if ((traffic & TrafficClass.Bot) != 0)
        {
            names.Add("bot");
        }

        if ((traffic & TrafficClass.Paid) != 0)
        {
            names.Add("paid");
        }

        if ((traffic & TrafficClass.Engaged) != 0)
        {
            names.Add("engaged");
        }

        return names;
    }
}
