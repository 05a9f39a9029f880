namespace Rapport.Core.Leads;

/// <summary>An organization or developer that meets the criteria now, with the rules it met and the developers who met them.</summary>
/// <param name="Key"><c>organization:acme.com</c> or <c>developer:github:octocat</c>: what the lead is, across refreshes.</param>
public sealed record QualifiedLead(string Key, LeadKind Kind, string Name, string Reason, IReadOnlyList<LeadDeveloper> Developers);
