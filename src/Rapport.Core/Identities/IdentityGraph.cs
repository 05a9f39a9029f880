using System.Runtime.InteropServices;

namespace Rapport.Core.Identities;

/// <summary>
/// Which identities belong to which member, with incremental union-find: identities seen together on one message
/// belong to one member. Two guards: two members that each carry a different product <c>user</c> id are never merged
/// automatically, and neither are two members a person kept apart (by unmerging, undoing a merge or dismissing a
/// suggestion). When a message links such members through a personal identity (an email address or a platform
/// handle, not a device or user id), a merge suggestion is recorded for a person to decide.
/// </summary>
/// <remarks>
/// Members merged during this graph's life keep a parent pointer to the member that absorbed them (the older,
/// lower id), with path compression, so a merge costs O(1) instead of re-pointing every identity.
/// </remarks>
public sealed class IdentityGraph
{
    private readonly IdentityTable _identities;
    private readonly Dictionary<long, long> _absorbedBy = [];
    private readonly Dictionary<long, string> _userIdOf = [];
    private readonly Dictionary<long, HashSet<long>> _keptApart = [];
    private readonly List<long> _roots = new(4);
    private long _nextMemberId;
    private long _nextIdentityId;

    public IdentityGraph(long nextMemberId = 1, long nextIdentityId = 1, int capacity = 0)
    {
        _identities = new IdentityTable(capacity);
        _nextMemberId = nextMemberId;
        _nextIdentityId = nextIdentityId;
    }

    public int IdentityCount => _identities.Count;

    /// <summary>The id the next member created will get; members created later get consecutive ids from it.</summary>
    public long NextMemberId => _nextMemberId;

    /// <summary>Adds an identity that a store already holds.</summary>
    public void Load(in StoredIdentity stored)
    {
        var entry = _identities.Find(stored.Identity);
        if (entry < 0)
        {
            _identities.Add(stored.Identity, stored.Id, stored.MemberId);
        }
        else
        {
            _identities.Replace(entry, stored.Id, stored.MemberId);
        }

        if (stored.Identity.Kind == IdentityKinds.User)
        {
            _userIdOf.TryAdd(stored.MemberId, stored.Identity.Value);
        }

        _nextMemberId = Math.Max(_nextMemberId, stored.MemberId + 1);
        _nextIdentityId = Math.Max(_nextIdentityId, stored.Id + 1);
    }

    /// <summary>
    /// Records that a person decided the members of two stored identities are different people: they are not merged
    /// automatically from then on, whatever merges either takes part in. Identities of one member are left alone.
    /// </summary>
    public void KeepApart(Identity identity, Identity other)
    {
        if (!TryFind(identity, out _, out var member) || !TryFind(other, out _, out var otherMember) || member == otherMember)
        {
            return;
        }

        Apart(member).Add(otherMember);
        Apart(otherMember).Add(member);
    }

    /// <summary>Whether a person kept the two members (after merges) apart.</summary>
    public bool AreKeptApart(long memberId, long otherMemberId) =>
        _keptApart.TryGetValue(Find(memberId), out var apart) && apart.Contains(Find(otherMemberId));

    public bool Contains(Identity identity) => _identities.Find(identity) >= 0;

    /// <summary>
    /// The identities of erased developers, loaded and replaced with the graph (so every process that reloads its
    /// graph after an erasure also learns whom to drop): ingest skips a message that names one of them.
    /// </summary>
    public Privacy.ErasedIdentities Erased { get; set; } = Privacy.ErasedIdentities.None;

    /// <summary>
    /// Replays a merge that another writer of the store committed: <paramref name="loser"/> now belongs to
    /// <paramref name="winner"/>, as if this graph had merged them itself.
    /// </summary>
    public void ApplyStoredMerge(long winner, long loser)
    {
        var (root, absorbed) = (Find(winner), Find(loser));
        if (root == absorbed)
        {
            return;
        }

        _absorbedBy[absorbed] = root;
        if (_userIdOf.Remove(absorbed, out var user))
        {
            _userIdOf.TryAdd(root, user);
        }

        _nextMemberId = Math.Max(_nextMemberId, Math.Max(winner, loser) + 1);
    }

    /// <summary>The identity's id and its member (after merges), if the identity is known.</summary>
    public bool TryFind(Identity identity, out long identityId, out long memberId)
    {
        return TryFind(_identities.Find(identity), out identityId, out memberId);
    }

    private bool TryFind(int entry, out long identityId, out long memberId)
    {
        if (entry < 0)
        {
            identityId = 0;
            memberId = 0;
            return false;
        }

        ref var member = ref _identities.MemberOf(entry);
        member = Find(member);
        identityId = _identities.IdOf(entry);
        memberId = member;
        return true;
    }

    /// <summary>The member a possibly-merged member id now belongs to.</summary>
    public long Find(long memberId)
    {
        var root = memberId;
        while (_absorbedBy.TryGetValue(root, out var parent))
        {
            root = parent;
        }

        while (memberId != root && _absorbedBy.TryGetValue(memberId, out var parent))
        {
            _absorbedBy[memberId] = root;
            memberId = parent;
        }

        return root;
    }

    /// <summary>
    /// Links the identities seen together on one message and returns the member and identity id of
    /// <paramref name="primary"/>, which must be one of <paramref name="identities"/>.
    /// </summary>
    public (long MemberId, long IdentityId) Resolve(ReadOnlySpan<Identity> identities, Identity primary, IIdentityChanges changes)
    {
        // The message's product user id decides which member the message belongs to when members disagree.
        string? messageUser = null;
        foreach (var identity in identities)
        {
            if (identity.Kind == IdentityKinds.User)
            {
                messageUser ??= identity.Value;
            }
        }

        _roots.Clear();
        long anchor = 0;
        // Each identity is looked up once here; the entries are reused below.
        var entries = identities.Length <= 16 ? stackalloc int[identities.Length] : new int[identities.Length];
        for (var i = 0; i < identities.Length; i++)
        {
            var identity = identities[i];
            entries[i] = _identities.Find(identity);
            if (TryFind(entries[i], out _, out var member) && !_roots.Contains(member))
            {
                _roots.Add(member);
                if (messageUser is not null && identity.Kind == IdentityKinds.User && identity.Value == messageUser)
                {
                    anchor = member;
                }
            }
        }

        _roots.Sort();
        if (anchor == 0)
        {
            foreach (var root in _roots)
            {
                if (Compatible(UserIdOf(root), messageUser))
                {
                    anchor = root;
                    break;
                }
            }
        }

        if (anchor == 0)
        {
            anchor = _nextMemberId++;
            changes.MemberCreated(anchor);
            if (messageUser is not null)
            {
                _userIdOf[anchor] = messageUser;
            }
        }

        // New identities join the anchor first, so that a suggestion below can name one of them.
        long primaryId = 0;
        long primaryMember = 0;
        for (var i = 0; i < identities.Length; i++)
        {
            var identity = identities[i];
            // An identity named twice on one message was added by its first mention.
            var entry = entries[i] >= 0 ? entries[i] : _identities.Find(identity);
            if (entry < 0)
            {
                entry = _identities.Add(identity, _nextIdentityId++, anchor);
                changes.IdentityAdded(_identities.IdOf(entry), identity, anchor);
                if (identity.Kind == IdentityKinds.User)
                {
                    _userIdOf.TryAdd(anchor, identity.Value);
                }
            }

            if (identity == primary)
            {
                primaryId = _identities.IdOf(entry);
                primaryMember = _identities.MemberOf(entry);
            }
        }

        if (primaryId == 0)
        {
            throw new ArgumentException("the primary identity must be one of the message's identities", nameof(primary));
        }

        foreach (var root in _roots)
        {
            // A merge above may have moved the anchor to an older member, which has absorbed the old anchor.
            if (Find(root) == anchor)
            {
                continue;
            }

            if (!Compatible(UserIdOf(anchor), UserIdOf(root)))
            {
                SuggestMerge(identities, anchor, root, "the members have different user ids", changes);
            }
            else if (AreKeptApart(anchor, root))
            {
                SuggestMerge(identities, anchor, root, "a person kept the members apart", changes);
            }
            else
            {
                anchor = Merge(anchor, root, changes);
            }
        }

        // The activity belongs to the primary identity, so its member is the primary identity's, also when a guard
        // kept that member apart from the anchor.
        return (Find(primaryMember), primaryId);
    }

    private static bool Compatible(string? user, string? otherUser) =>
        user is null || otherUser is null || user == otherUser;

    private string? UserIdOf(long member) => _userIdOf.GetValueOrDefault(member);

    private long Merge(long a, long b, IIdentityChanges changes)
    {
        var (winner, loser) = a < b ? (a, b) : (b, a);
        _absorbedBy[loser] = winner;
        if (_userIdOf.Remove(loser, out var user))
        {
            _userIdOf.TryAdd(winner, user);
        }

        if (_keptApart.Remove(loser, out var apart))
        {
            foreach (var other in apart)
            {
                var others = Apart(other);
                others.Remove(loser);
                others.Add(winner);
            }

            Apart(winner).UnionWith(apart);
        }

        changes.MembersMerged(winner, loser);
        return winner;
    }

    private HashSet<long> Apart(long member)
    {
        ref var apart = ref CollectionsMarshal.GetValueRefOrAddDefault(_keptApart, member, out var exists);
        if (!exists)
        {
            apart = [];
        }

        return apart!;
    }

    /// <summary>
    /// Suggests merging two members a message linked but a guard kept apart, naming the identity they share. A shared
    /// device (<c>anonymous</c>) id says nothing about who is behind it — a laptop at a workshop — so it suggests
    /// nothing. Two user ids on one message are the product's own statement (an alias) and are suggested.
    /// </summary>
    private void SuggestMerge(ReadOnlySpan<Identity> identities, long anchor, long other, string why, IIdentityChanges changes)
    {
        long anchorIdentity = 0;
        long otherIdentity = 0;
        Identity shared = default;
        foreach (var identity in identities)
        {
            if (!TryFind(identity, out var identityId, out var member))
            {
                continue;
            }

            if (member == anchor && anchorIdentity == 0)
            {
                anchorIdentity = identityId;
            }
            else if (member == other && IsPersonal(identity) && (otherIdentity == 0 || (identity.Kind == IdentityKinds.Email && shared.Kind != IdentityKinds.Email)))
            {
                otherIdentity = identityId;
                shared = identity;
            }
        }

        if (anchorIdentity != 0 && otherIdentity != 0)
        {
            var (rule, confidence) = shared.Kind switch
            {
                IdentityKinds.Email => (MergeRules.SameEmail, MergeRules.SeenWithSameEmail),
                IdentityKinds.User => (MergeRules.LinkedUserIds, MergeRules.SeenWithOtherUserId),
                _ => (MergeRules.SameHandle, MergeRules.SeenWithSameHandle),
            };
            changes.MergeSuggested(anchorIdentity, otherIdentity, rule, confidence, $"seen together on one message ({shared}) but {why}");
        }
    }

    private static bool IsPersonal(Identity identity) => identity.Kind != IdentityKinds.Anonymous;
}
