using Rapport.Core.Workspaces;

namespace Rapport.Core.ApiKeys;

/// <summary>What a valid, unrevoked key grants: its workspace and scope.</summary>
public sealed record ApiKeyGrant(Workspace Workspace, ApiKeyScope Scope, long KeyId, string Prefix);
