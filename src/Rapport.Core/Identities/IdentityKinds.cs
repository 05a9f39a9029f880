namespace Rapport.Core.Identities;

/// <summary>
/// The identity kinds Rapport knows by name. Kinds are open-ended: any other lower-case word
/// (for example <c>mastodon</c>) is accepted as it is.
/// </summary>
public static class IdentityKinds
{
    /// <summary>A device or browser id sent before the developer signed in.</summary>
    public const string Anonymous = "anonymous";

    /// <summary>The product's own user id.</summary>
    public const string User = "user";

    public const string Email = "email";
    public const string GitHub = "github";
    public const string GitLab = "gitlab";
    public const string Discord = "discord";
    public const string Twitter = "twitter";
    public const string StackOverflow = "stackoverflow";
    public const string LinkedIn = "linkedin";
    public const string Mastodon = "mastodon";
    public const string Bluesky = "bluesky";
    public const string Slack = "slack";
    public const string Reddit = "reddit";
    public const string DevTo = "devto";

    /// <summary>
    /// Platforms whose handles arrive as traits of the same name (<c>traits.github</c>) and become identities.
    /// </summary>
    public static IReadOnlyList<string> PlatformTraits { get; } =
    [
        GitHub, GitLab, Discord, Twitter, StackOverflow, LinkedIn, Mastodon, Bluesky, Slack, Reddit, DevTo,
    ];

    /// <summary>Kinds whose values are compared without regard to case, so they are stored lower-cased.</summary>
    internal static bool IsCaseInsensitive(string kind) => kind switch
    {
        Email or GitHub or GitLab or Twitter or Discord or Bluesky or Reddit or DevTo or Mastodon => true,
        _ => false,
    };
}
