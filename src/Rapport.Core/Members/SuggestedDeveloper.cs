namespace Rapport.Core.Members;

/// <summary>One of the two developers of a merge suggestion, as they are now.</summary>
/// <param name="Identity">The identity the suggestion names (<c>email:ada@example.com</c>).</param>
/// <param name="Identities">All of the developer's identities.</param>
public sealed record SuggestedDeveloper(long Id, string? Name, string Identity, IReadOnlyList<string> Identities);
