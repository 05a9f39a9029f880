namespace Rapport.Core.Identities;

/// <summary>Receives what identity resolution changed, so that a store can persist exactly that.</summary>
public interface IIdentityChanges
{
    void MemberCreated(long memberId);

    void IdentityAdded(long identityId, Identity identity, long memberId);

    void MembersMerged(long winnerId, long loserId);

    /// <summary>
    /// Two members look like one person but a guard kept them apart; a person decides. <paramref name="rule"/> is one
    /// of <see cref="MergeRules"/>, <paramref name="confidence"/> between 0 and 1.
    /// </summary>
    void MergeSuggested(long identityId, long otherIdentityId, string rule, double confidence, string reason);
}
