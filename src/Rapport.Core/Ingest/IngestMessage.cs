using Rapport.Core.Identities;

namespace Rapport.Core.Ingest;

/// <summary>
/// One message as every source hands it to the ingest pipeline, after validation: who (identities), what (an
/// activity type, or traits), when, and the context. Segment messages, webhooks and imports all become these.
/// </summary>
public sealed class IngestMessage
{
    /// <summary>The source's id for the message; a repeated id in a workspace is stored once.</summary>
    public required string MessageId { get; init; }

    /// <summary>A 128-bit hash of <see cref="MessageId"/>, the key used for de-duplication.</summary>
    public required Guid MessageKey { get; init; }

    public required MessageKind Kind { get; init; }

    /// <summary>The activity type for track (the event name), page (<c>page</c>) and screen (<c>screen</c>).</summary>
    public string? ActivityType { get; init; }

    /// <summary>The identity the activity or traits belong to: the user id when there is one, else the anonymous id.</summary>
    public required Identity Primary { get; init; }

    /// <summary>Every identity on the message, <see cref="Primary"/> included, user id first.</summary>
    public required IReadOnlyList<Identity> Identities { get; init; }

    /// <summary>An alias's previous id: an anonymous id or an earlier user id, decided by what is already known.</summary>
    public string? PreviousId { get; init; }

    public required DateTime Timestamp { get; init; }

    public IReadOnlyList<Trait> Traits { get; init; } = [];

    /// <summary>Tags for the developer, already normalised (<see cref="Members.MemberTags"/>); kept on the primary identity.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    public string? GroupId { get; init; }

    /// <summary>The properties as a JSON object, or <c>null</c>.</summary>
    public string? PropertiesJson { get; init; }

    public ActivityContext Context { get; init; } = ActivityContext.Empty;

    /// <summary>Where the message came from (<c>segment</c>, <c>github</c>, …).</summary>
    public string Source { get; init; } = "segment";

    public bool IsActivity => Kind is MessageKind.Track or MessageKind.Page or MessageKind.Screen;
}
