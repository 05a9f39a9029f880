namespace Rapport.Storage;

/// <summary>The workspace has no member with this id.</summary>
public sealed class MemberNotFoundException(long memberId) : Exception($"there is no developer with id {memberId}")
{
    public long MemberId { get; } = memberId;
}
