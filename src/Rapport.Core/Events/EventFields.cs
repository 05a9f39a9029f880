using Rapport.Core.Content;

namespace Rapport.Core.Events;

/// <summary>
/// What a person says about an event: every field optional, so the same type adds an event (name, kind, format and
/// start date required) and edits one (only the fields given change). Validated and normalised in one place.
/// </summary>
public sealed record EventFields
{
    public const int MaxNameLength = 300;

    public string? Name { get; init; }

    public EventKind? Kind { get; init; }

    public EventFormat? Format { get; init; }

    public DateOnly? StartsOn { get; init; }

    public DateOnly? EndsOn { get; init; }

    public string? Location { get; init; }

    public string? Url { get; init; }

    /// <summary>Replaces every audience tag when given.</summary>
    public IReadOnlyList<string>? AudienceTags { get; init; }

    public long? ReportedAudience { get; init; }

    /// <summary>Replaces every cost when given.</summary>
    public IReadOnlyList<EventCost>? Costs { get; init; }

    public double? EffortHours { get; init; }

    /// <summary>Replaces every talk when given: ids of content items.</summary>
    public IReadOnlyList<long>? Talks { get; init; }

    public string? Description { get; init; }

    /// <summary>A new event from these fields; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public DevRelEvent Create(long id, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new FormatException("an event needs a name");
        }

        if (Kind is null)
        {
            throw new FormatException($"an event needs a kind: {string.Join(", ", EventNames.KindNames)}");
        }

        if (Format is null)
        {
            throw new FormatException($"an event needs a format: {string.Join(", ", EventNames.FormatNames)}");
        }

        if (StartsOn is not { } starts)
        {
            throw new FormatException("an event needs the date it starts on");
        }

        var empty = new DevRelEvent(id, "", Kind.Value, Format.Value, starts, EndsOn ?? starts, null, null, [], null, [], null, [], null, now, now);
        return ApplyTo(empty, now);
    }

    /// <summary>The event with these fields changed; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public DevRelEvent ApplyTo(DevRelEvent existing, DateTime now)
    {
        var name = Name is null ? existing.Name : Name.Trim();
        if (name.Length is 0 or > MaxNameLength)
        {
            throw new FormatException($"a name has between 1 and {MaxNameLength} characters");
        }

        var starts = StartsOn ?? existing.StartsOn;
        // Moving the start of a one-day event moves its end with it, unless a new end is given.
        var ends = EndsOn ?? (StartsOn is not null && existing.EndsOn == existing.StartsOn ? starts : existing.EndsOn);
        if (ends < starts)
        {
            throw new FormatException($"the event ends ({ends:yyyy-MM-dd}) before it starts ({starts:yyyy-MM-dd})");
        }

        if (ReportedAudience is < 0)
        {
            throw new FormatException($"the reported audience is a number of people, not {ReportedAudience}");
        }

        if (EffortHours is < 0 or > 100_000 || EffortHours is double.NaN)
        {
            throw new FormatException($"effort hours must be between 0 and 100,000, not {EffortHours}");
        }

        var url = existing.Url;
        if (Url is not null)
        {
            url = string.IsNullOrWhiteSpace(Url) ? null : ContentFields.NormaliseUrls([Url])[0];
        }

        return existing with
        {
            Name = name,
            Kind = Kind ?? existing.Kind,
            Format = Format ?? existing.Format,
            StartsOn = starts,
            EndsOn = ends,
            Location = Location is null ? existing.Location : (Location.Trim() is { Length: > 0 } place ? place : null),
            Url = url,
            AudienceTags = AudienceTags is null ? existing.AudienceTags : ContentFields.NormaliseTags(AudienceTags),
            ReportedAudience = ReportedAudience ?? existing.ReportedAudience,
            Costs = Costs is null ? existing.Costs : [.. Costs.Select(cost => cost.Validated())],
            EffortHours = EffortHours ?? existing.EffortHours,
            Talks = Talks is null ? existing.Talks : [.. Talks.Distinct()],
            Description = Description is null ? existing.Description : (Description.Trim() is { Length: > 0 } text ? text : null),
            UpdatedAt = now,
        };
    }
}
