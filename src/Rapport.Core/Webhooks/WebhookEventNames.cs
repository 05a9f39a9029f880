using System.Diagnostics.CodeAnalysis;

namespace Rapport.Core.Webhooks;

/// <summary>
/// The events Rapport announces to outbound webhooks, by the names subscriptions list (docs/webhooks.md). A feature
/// that starts announcing a new event adds its name here, so that subscriptions can ask for it.
/// </summary>
public static class WebhookEventNames
{
    /// <summary>A developer was active and then went quiet before Scale.</summary>
    public const string MemberStalled = "member.stalled";

    /// <summary>A developer's community level changed (passive, active, hero).</summary>
    public const string MemberLevelChanged = "member.level_changed";

    /// <summary>An outreach task was suggested.</summary>
    public const string OutreachCreated = "outreach.created";

    /// <summary>An organization or developer first met the DevRel-qualified lead criteria.</summary>
    public const string DrqlCreated = "drql.created";

    /// <summary>The community's health pulse lapsed: no regular feeding lately.</summary>
    public const string CommunityPulseLapsed = "community.pulse_lapsed";

    /// <summary>A test delivery to one subscription (<c>rapport webhooks test</c>); never subscribed to.</summary>
    public const string Ping = "ping";

    /// <summary>A subscription to this gets every event but <see cref="Ping"/>.</summary>
    public const string All = "*";

    /// <summary>The events a subscription may ask for.</summary>
    public static IReadOnlyList<string> Subscribable { get; } =
        [MemberStalled, MemberLevelChanged, OutreachCreated, DrqlCreated, CommunityPulseLapsed];

    /// <summary>
    /// Reads a subscription's comma-separated event list (<c>member.stalled,drql.created</c>, or <c>*</c>), without
    /// duplicates, in the order of <see cref="Subscribable"/>; <see cref="FormatException"/> names an unknown event.
    /// </summary>
    public static IReadOnlyList<string> ParseList(IEnumerable<string> names)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names.SelectMany(item => item.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var normalised = name.ToLowerInvariant();
            if (normalised != All && !Subscribable.Contains(normalised))
            {
                throw new FormatException(
                    $"'{name}' is not an event Rapport sends; subscribe to {string.Join(", ", Subscribable)} or * for all of them");
            }

            wanted.Add(normalised);
        }

        if (wanted.Count == 0)
        {
            throw new FormatException($"a subscription needs at least one event: {string.Join(", ", Subscribable)} or *");
        }

        return wanted.Contains(All) ? [All] : [.. Subscribable.Where(wanted.Contains)];
    }

    /// <summary>Whether <paramref name="name"/> can name an event: lower-case letters, digits, '_' and '.', at most 64 characters.</summary>
    public static bool IsValid([NotNullWhen(true)] string? name) =>
        name is { Length: > 0 and <= 64 }
        && char.IsAsciiLetterLower(name[0])
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '.');
}
