using Rapport.Core.Identities;

namespace Rapport.Storage;

/// <summary>No developer of the workspace has this identity.</summary>
public sealed class IdentityNotFoundException(Identity identity) : Exception($"no developer has the identity {identity}")
{
    public Identity Identity { get; } = identity;
}
