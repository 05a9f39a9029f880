namespace Rapport.Core.Icps;

/// <summary>What re-deriving ICP membership found: developers evaluated, and how many are in each ICP.</summary>
public sealed record IcpRefresh(DateTime AsOf, long MembersEvaluated, IReadOnlyDictionary<string, long> Members);
