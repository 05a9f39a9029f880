using Rapport.Core.Identities;

namespace Rapport.Core.Ingest;

public readonly record struct NewIdentity(long Id, Identity Identity, long MemberId, DateTime FirstSeen);
