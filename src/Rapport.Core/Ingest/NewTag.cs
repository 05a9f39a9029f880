namespace Rapport.Core.Ingest;

/// <summary>A tag a message puts on the developer of one of its identities (a members CSV's <c>tags</c> column).</summary>
public readonly record struct NewTag(long IdentityId, string Tag, DateTime At);
