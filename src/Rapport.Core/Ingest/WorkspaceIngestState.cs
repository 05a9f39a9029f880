using Rapport.Core.Identities;
using Rapport.Core.Journey;

namespace Rapport.Core.Ingest;

/// <summary>
/// What ingest must know about a workspace beyond one batch: its identities and members, the message keys already
/// stored (for idempotency) and its journey map. A store loads it, keeps it while it is the only writer, and drops
/// it when a transaction rolls back.
/// </summary>
/// <remarks>
/// A store whose own unique index knows every stored message key (PostgreSQL) need not hold them all in memory: it
/// calls <see cref="ForgetMessageKeys"/> when a session starts and <see cref="RememberStoredMessageKeys"/> with the
/// stored keys among each group of messages before adding them, so only one session's keys are held.
/// </remarks>
public sealed class WorkspaceIngestState(IdentityGraph identities, MessageKeySet messageKeys, JourneyMap journey)
{
    /// <summary>The identity graph; replaced, not edited, when a person merges or splits developers.</summary>
    public IdentityGraph Identities { get; set; } = identities;

    public JourneyMap Journey { get; set; } = journey;

    /// <summary>What ingest remembers of the member rows it wrote; a store that changes members otherwise clears it.</summary>
    public StoredMemberReach StoredReach { get; } = new();

    internal MessageKeySet MessageKeys { get; } = messageKeys;

    public int MessageKeyCount => MessageKeys.Count;

    public void ForgetMessageKeys() => MessageKeys.Clear();

    /// <summary>Marks keys as stored, so that messages with them are skipped as duplicates.</summary>
    public void RememberStoredMessageKeys(IEnumerable<Guid> keys) => MessageKeys.UnionWith(keys);

    /// <summary>
    /// Gives back the memory of the identity graph and the message keys, for a store that has stopped keeping this
    /// state and loads it afresh for the next session. Called once a batch has completed its member rows (they do not
    /// read the graph): at ten million messages that is about 300 MiB the commit's own SQL can use instead.
    /// </summary>
    public void Release()
    {
        Identities = new IdentityGraph(Identities.NextMemberId);
        MessageKeys.Clear();
        StoredReach.Clear();
    }
}
