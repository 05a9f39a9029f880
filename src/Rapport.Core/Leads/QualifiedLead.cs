namespace Rapport.Core.Leads;

/// <summary>An organization or developer that meets the criteria now, with the rules it met and the developers who met them.</summary>
/// <param name="Key"><c>organization:acme.com</c> or <c>developer:github:octocat</c>: what the lead is, across refreshes.</param>
/// <param name="Developers">The furthest along of the developers who met a rule, at most <see cref="LeadQualifier.DevelopersListed"/>.</param>
/// <param name="DeveloperCount">How many developers met a rule, listed or not.</param>
public sealed record QualifiedLead(string Key, LeadKind Kind, string Name, string Reason, IReadOnlyList<LeadDeveloper> Developers, int DeveloperCount);
