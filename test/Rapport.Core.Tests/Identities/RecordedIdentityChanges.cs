using Rapport.Core.Identities;

namespace Rapport.Core.Tests.Identities;

/// <summary>Keeps every change an <see cref="IdentityGraph"/> reports, in order, for assertions.</summary>
internal sealed class RecordedIdentityChanges : IIdentityChanges
{
    public List<long> Created { get; } = [];

    public List<(long IdentityId, Identity Identity, long MemberId)> Added { get; } = [];

    public List<(long Winner, long Loser)> Merged { get; } = [];

    public List<(long IdentityId, long OtherIdentityId, string Rule, double Confidence, string Reason)> Suggested { get; } = [];

    public void MemberCreated(long memberId) => Created.Add(memberId);

    public void IdentityAdded(long identityId, Identity identity, long memberId) => Added.Add((identityId, identity, memberId));

    public void MembersMerged(long winnerId, long loserId) => Merged.Add((winnerId, loserId));

    public void MergeSuggested(long identityId, long otherIdentityId, string rule, double confidence, string reason) =>
        Suggested.Add((identityId, otherIdentityId, rule, confidence, reason));
}
