using Rapport.Core.Coverage;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>The coverage matrix: content supply against developer and question demand per dimension (docs/coverage.md).</summary>
public partial interface IRapportStore
{
    /// <summary>The workspace's coverage dimensions, or <see cref="CoverageConfig.Empty"/> until it sets some.</summary>
    Task<CoverageConfig> GetCoverageConfigAsync(Workspace workspace, CancellationToken cancellationToken);

    /// <summary>Replaces the workspace's coverage dimensions.</summary>
    Task SetCoverageConfigAsync(Workspace workspace, CoverageConfig config, CancellationToken cancellationToken);

    /// <summary>
    /// The matrix for the stored dimensions: developers are matched and counted set-wise in SQL (one pass over the
    /// traits and one per activity property read), content and question tags are matched in Core.
    /// </summary>
    Task<CoverageReport> GetCoverageReportAsync(Workspace workspace, CancellationToken cancellationToken);
}
