using Rapport.Core.Identities;
using Rapport.Core.Journey;

namespace Rapport.Core.Ingest;

/// <summary>
/// What ingest must know about a workspace beyond one batch: its identities and members, the message keys already
/// stored (for idempotency) and its journey map. A store loads it, keeps it while it is the only writer, and drops
/// it when a transaction rolls back.
/// </summary>
public sealed class WorkspaceIngestState(IdentityGraph identities, HashSet<Guid> messageKeys, JourneyMap journey)
{
    /// <summary>The identity graph; replaced, not edited, when a person merges or splits developers.</summary>
    public IdentityGraph Identities { get; set; } = identities;

    public JourneyMap Journey { get; set; } = journey;

    internal HashSet<Guid> MessageKeys { get; } = messageKeys;

    public int MessageKeyCount => MessageKeys.Count;
}
