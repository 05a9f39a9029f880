using System.Text.Json;

namespace Rapport.Core.Icps;

/// <summary>
/// The workspace's ICPs at a glance, as <c>rapport icp show</c>, the API and the Settings page show them: the file
/// that defines them, when membership was last derived, and each ICP's coverage.
/// </summary>
public sealed record IcpSummary(JsonElement Definition, IcpRefresh? Refresh, IReadOnlyList<IcpCoverage> Coverage);
