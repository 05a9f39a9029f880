namespace Rapport.Core.Icps;

/// <summary>
/// One ideal customer profile: a name (lower-case letters, digits and dashes, as content is tagged with it), what it
/// means in words, and the rule a developer must meet to be in it.
/// </summary>
public sealed record IcpDefinition(string Name, string? Description, IcpRule Rule)
{
    public bool Matches(IcpMemberFacts member, DateTime asOf) => Rule.Matches(member, asOf);
}
