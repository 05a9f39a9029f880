using Rapport.Core.Members;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>Organizations, and developers as whole records for the members CSV export.</summary>
public partial interface IRapportStore
{
    /// <summary>Every organization with developers (<see cref="OrganizationList"/>), largest first.</summary>
    Task<IReadOnlyList<OrganizationSummary>> ListOrganizationsAsync(Workspace workspace, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> developers with ids above <paramref name="afterId"/>, by id: page through with the last id.</summary>
    Task<IReadOnlyList<MemberRecord>> ReadMemberRecordsAsync(Workspace workspace, long afterId, int limit, CancellationToken cancellationToken);

    /// <summary>Every trait key any developer of the workspace has, in ordinal order.</summary>
    Task<IReadOnlyList<string>> ListTraitKeysAsync(Workspace workspace, CancellationToken cancellationToken);
}
