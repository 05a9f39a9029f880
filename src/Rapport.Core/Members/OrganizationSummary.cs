namespace Rapport.Core.Members;

/// <summary>One organization and its developers: how many, how many are at each journey stage now, and when the first was seen.</summary>
/// <param name="Name">The company as most of its developers write it, or a work email domain (<c>analytical.io</c>).</param>
/// <param name="Stages">Developers whose furthest stage is each stage, by stage name; developers without a stage are in <see cref="Developers"/> only.</param>
/// <param name="FirstSeen">The earliest first activity of its developers.</param>
public sealed record OrganizationSummary(string Name, long Developers, IReadOnlyDictionary<string, long> Stages, DateTime? FirstSeen);
