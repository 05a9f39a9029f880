using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Rapport.Core.Activities;
using Rapport.Core.Identities;
using Rapport.Core.Members;

namespace Rapport.Core.Ingest;

/// <summary>
/// The changes one durable commit makes: de-duplicates messages, resolves identities, maps activities to journey
/// stages and keeps each member's progress. Pure; the store persists what it produces. One code path for every
/// source: file imports, the HTTP API and connectors.
/// </summary>
public sealed class IngestBatch : IIdentityChanges
{
    private readonly WorkspaceIngestState _state;
    private readonly DateTime _receivedAt;
    // Progress of members stored before this batch, by id; members this batch creates have consecutive ids and
    // keep theirs in arrays (a million new developers in one import).
    private readonly Dictionary<long, MemberProgress> _progress = [];
    private readonly CreatedMemberProgress _createdProgress;
    private readonly ChannelNames _channels = new();
    private long _createdCount;
    private readonly List<(long Winner, long Loser)> _merges = [];
    private readonly HashSet<(long, long)> _suggested = [];
    private readonly List<IngestMessage> _suspects = [];
    private List<NewIdentity> _identities = [];
    private List<ActivityRecord> _activities = [];
    private List<TraitUpdate> _traits = [];
    private List<ProfileUpdate> _profileUpdates = [];
    private List<MergeSuggestion> _suggestions = [];
    private List<NewTag> _tags = [];
    private DateTime _currentTimestamp;
    private long _messages;
    private long _activityCount;
    private long _profileUpdateCount;
    private long _duplicates;
    private long _identityCount;
    private long _erased;

    public IngestBatch(WorkspaceIngestState state, DateTime receivedAt)
    {
        _state = state;
        _receivedAt = receivedAt;
        _createdProgress = new CreatedMemberProgress(state.Identities.NextMemberId);
    }

    public int PendingCount =>
        _identities.Count + _activities.Count + _traits.Count + _profileUpdates.Count + _suggestions.Count + _tags.Count;

    /// <summary>Whether messages wait for the store to confirm whether their keys are stored (<see cref="ConfirmSuspects"/>).</summary>
    public bool HasSuspects => _suspects.Count > 0;

    public int SuspectCount => _suspects.Count;

    /// <summary>
    /// Adds one message; returns <c>false</c> when it is not added now: its message id is already in this batch or
    /// stored, or — when its key's fingerprint is known — it waits as a suspect until the store confirms the key.
    /// </summary>
    public bool Add(IngestMessage message)
    {
        _messages++;
        if (!_state.MessageKeys.Add(message.MessageKey))
        {
            _suspects.Add(message);
            return false;
        }

        Apply(message);
        return true;
    }

    /// <summary>The full keys of the suspects, for the store to look up.</summary>
    public Guid[] SuspectKeys() => [.. _suspects.Select(message => message.MessageKey)];

    /// <summary>
    /// Settles the suspects, in the order they arrived, given which of their keys the store holds — committed or
    /// written by this session, so every write of rows taken from <see cref="TakePending"/> must have finished. A key
    /// that is stored, pending in this batch or repeated among the suspects is a duplicate; any other message only
    /// shared a fingerprint with another and is added now, after the messages that followed it (at most one chunk).
    /// </summary>
    public void ConfirmSuspects(IReadOnlyCollection<Guid> storedKeys)
    {
        var seen = new HashSet<Guid>(storedKeys);
        foreach (var activity in _activities)
        {
            seen.Add(activity.MessageKey);
        }

        foreach (var update in _profileUpdates)
        {
            seen.Add(update.MessageKey);
        }

        var suspects = _suspects.ToArray();
        _suspects.Clear();
        foreach (var message in suspects)
        {
            if (seen.Add(message.MessageKey))
            {
                Apply(message);
            }
            else
            {
                _duplicates++;
            }
        }
    }

    private void Apply(IngestMessage message)
    {
        var graph = _state.Identities;
        if (graph.Erased.Count > 0 && NamesErased(message, graph))
        {
            _erased++;
            return;
        }

        _currentTimestamp = message.Timestamp;
        var (memberId, identityId) = message.Kind == MessageKind.Alias
            ? ResolveAlias(message, graph)
            : graph.Resolve(SpanOf(message.Identities), message.Primary, this);

        if (message.IsActivity)
        {
            var type = message.ActivityType ?? throw new ArgumentException("an activity message needs an activity type", nameof(message));
            ref var progress = ref ProgressOf(memberId);
            var channel = progress.ReachesFirstActivity(message.Timestamp) ? _channels.Lowered(message.Context.Channel) : null;
            progress.Include(message.Timestamp, _state.Journey.StageOf(type), channel);
            _activities.Add(new ActivityRecord(
                message.MessageKey, message.MessageId, identityId, type, message.Timestamp, _receivedAt,
                message.Source, message.Context, message.PropertiesJson));
            _activityCount++;
        }
        else
        {
            ProgressOf(memberId);
            _profileUpdates.Add(new ProfileUpdate(
                message.MessageKey, message.MessageId, message.Kind, identityId, message.Timestamp, _receivedAt,
                message.GroupId, TraitsJson(message.Traits)));
            _profileUpdateCount++;
        }

        AddTraits(message, identityId);
        foreach (var tag in message.Tags)
        {
            _tags.Add(new NewTag(identityId, tag, _receivedAt));
        }
    }

    /// <summary>Takes the rows that can be written now; later calls return only what was added since.</summary>
    public PendingWrites TakePending()
    {
        var graph = _state.Identities;
        var identities = _identities;
        for (var i = 0; i < identities.Count; i++)
        {
            identities[i] = identities[i] with { MemberId = graph.Find(identities[i].MemberId) };
        }

        var pending = new PendingWrites(identities, _activities, _traits, _profileUpdates, _suggestions, _tags);
        _identities = [];
        _activities = [];
        _traits = [];
        _profileUpdates = [];
        _suggestions = [];
        _tags = [];
        return pending;
    }

    /// <summary>The member rows to write at commit, keyed by the members that remain after this batch's merges.</summary>
    /// <remarks>
    /// Progress of members absorbed in this batch is folded into its winner in place, and the rows are views over
    /// the batch's own progress table rather than copies: at a million developers a copy costs about 200 MB at the
    /// moment memory peaks.
    /// </remarks>
    public MemberChanges CompleteMembers()
    {
        var graph = _state.Identities;
        var absorbed = new List<(long MemberId, long Root)>();
        foreach (var memberId in _progress.Keys)
        {
            if (graph.Find(memberId) is var root && root != memberId)
            {
                absorbed.Add((memberId, root));
            }
        }

        foreach (var (memberId, root) in absorbed)
        {
            _progress.Remove(memberId, out var progress);
            ProgressOf(root).Merge(progress);
        }

        // A member absorbed by an older one folds into it; winners have lower ids, so folding in id order never
        // lands on a member still to be folded.
        foreach (var memberId in _createdProgress.TouchedIds())
        {
            if (graph.Find(memberId) is var root && root != memberId)
            {
                var progress = _createdProgress.Release(memberId);
                ProgressOf(root).Merge(progress);
            }
        }

        // Members created and absorbed within this batch were never written, but identities flushed in an earlier
        // chunk may point at them; every loser is re-pointed at its final winner.
        var merged = _merges.Select(merge => (merge.Loser, graph.Find(merge.Loser))).ToList();
        return new MemberChanges(
            new ProgressRows(_createdProgress.TouchedIds(), this), new ProgressRows([.. _progress.Keys], this), merged, _receivedAt);
    }

    public IngestSummary Summary => new()
    {
        MessagesRead = _messages,
        ActivitiesStored = _activityCount,
        ProfileUpdatesStored = _profileUpdateCount,
        DuplicatesSkipped = _duplicates,
        MembersCreated = _createdCount - _merges.Count(merge => _createdProgress.Holds(merge.Loser)),
        MembersMerged = _merges.Count(merge => !_createdProgress.Holds(merge.Loser)),
        IdentitiesAdded = _identityCount,
        MergesSuggested = _suggested.Count,
        ErasedSkipped = _erased,
    };

    /// <summary>
    /// Whether a message names an erased developer's identity. Only identities the graph does not know are hashed:
    /// an erased identity was removed from the graph, so a known one is never erased, and a busy stream of known
    /// developers costs one dictionary look-up per identity, as before.
    /// </summary>
    private static bool NamesErased(IngestMessage message, IdentityGraph graph)
    {
        foreach (var identity in message.Identities)
        {
            if (!graph.Contains(identity) && graph.Erased.Contains(identity))
            {
                return true;
            }
        }

        return message.PreviousId is { } previous
            && (graph.Erased.Contains(Identity.Create(IdentityKinds.User, previous)) || graph.Erased.Contains(Identity.Create(IdentityKinds.Anonymous, previous)));
    }

    void IIdentityChanges.MemberCreated(long memberId) => _createdCount++;

    private ref MemberProgress ProgressOf(long memberId) =>
        ref _createdProgress.Holds(memberId)
            ? ref _createdProgress.Touch(memberId)
            : ref CollectionsMarshal.GetValueRefOrAddDefault(_progress, memberId, out _);

    private MemberProgress StoredProgressOf(long memberId) =>
        _createdProgress.Holds(memberId) ? _createdProgress.Get(memberId) : _progress[memberId];

    void IIdentityChanges.IdentityAdded(long identityId, Identity identity, long memberId)
    {
        _identities.Add(new NewIdentity(identityId, identity, memberId, _currentTimestamp));
        _identityCount++;
    }

    void IIdentityChanges.MembersMerged(long winnerId, long loserId) => _merges.Add((winnerId, loserId));

    void IIdentityChanges.MergeSuggested(long identityId, long otherIdentityId, string rule, double confidence, string reason)
    {
        // Every message that joins the same two members suggests the same merge again; count and store it once.
        if (_suggested.Add((identityId, otherIdentityId)))
        {
            _suggestions.Add(new MergeSuggestion(identityId, otherIdentityId, rule, confidence, reason, _receivedAt));
        }
    }

    private (long MemberId, long IdentityId) ResolveAlias(IngestMessage message, IdentityGraph graph)
    {
        // previousId is "whichever it is": an earlier user id when one is known by that value, else an anonymous id.
        var previous = message.PreviousId is { } previousId
            ? graph.Contains(Identity.Create(IdentityKinds.User, previousId))
                ? Identity.Create(IdentityKinds.User, previousId)
                : Identity.Create(IdentityKinds.Anonymous, previousId)
            : (Identity?)null;
        if (previous is null || message.Identities.Contains(previous.Value))
        {
            return graph.Resolve(SpanOf(message.Identities), message.Primary, this);
        }

        return graph.Resolve([.. message.Identities, previous.Value], message.Primary, this);
    }

    /// <summary>A message's identities without a copy: parsers hand them over as a list or an array.</summary>
    private static ReadOnlySpan<Identity> SpanOf(IReadOnlyList<Identity> identities) => identities switch
    {
        Identity[] array => array,
        List<Identity> list => CollectionsMarshal.AsSpan(list),
        _ => identities.ToArray(),
    };

    private void AddTraits(IngestMessage message, long identityId)
    {
        if (message.Kind != MessageKind.Group)
        {
            foreach (var trait in message.Traits)
            {
                _traits.Add(new TraitUpdate(identityId, trait.Key, trait.ValueJson, message.Timestamp));
            }

            return;
        }

        // A group's traits describe the organization, not the developer: only its id and name become the
        // developer's groupId and company.
        if (message.GroupId is { } groupId)
        {
            _traits.Add(new TraitUpdate(identityId, "groupId", JsonSerializer.Serialize(groupId), message.Timestamp));
        }

        foreach (var trait in message.Traits)
        {
            if (trait.Key == "name")
            {
                _traits.Add(new TraitUpdate(identityId, "company", trait.ValueJson, message.Timestamp));
            }
        }
    }

    private static string? TraitsJson(IReadOnlyList<Trait> traits)
    {
        if (traits.Count == 0)
        {
            return null;
        }

        var builder = new StringBuilder("{");
        for (var i = 0; i < traits.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(JsonSerializer.Serialize(traits[i].Key)).Append(':').Append(traits[i].ValueJson);
        }

        return builder.Append('}').ToString();
    }

    /// <summary>Member rows read from the batch's progress tables by id, without copying the progress.</summary>
    private sealed class ProgressRows(long[] memberIds, IngestBatch batch) : IReadOnlyList<(long MemberId, MemberProgress Progress)>
    {
        public int Count => memberIds.Length;

        public (long MemberId, MemberProgress Progress) this[int index] => (memberIds[index], batch.StoredProgressOf(memberIds[index]));

        public IEnumerator<(long MemberId, MemberProgress Progress)> GetEnumerator()
        {
            foreach (var memberId in memberIds)
            {
                yield return (memberId, batch.StoredProgressOf(memberId));
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
