using System.Diagnostics.CodeAnalysis;
using Rapport.Core.Identities;

namespace Rapport.Connectors.StackExchange;

/// <summary>
/// The Stack Exchange site a dump comes from, by host (<c>stackoverflow.com</c>, <c>conlang.stackexchange.com</c>).
/// User ids are per site, so the host is part of every identity and message id except on Stack Overflow, whose
/// users keep the plain <c>stackoverflow:ID</c> identity that profiles and other sources also use.
/// </summary>
public sealed class StackExchangeSite
{
    public const string StackOverflowHost = "stackoverflow.com";

    /// <summary>The identity kind of users of sites other than Stack Overflow: <c>stackexchange:HOST/ID</c>.</summary>
    public const string SiteIdentityKind = "stackexchange";

    /// <summary>
    /// The network-wide account (Users.xml's AccountId), shared by one person's users on every site, so that a
    /// developer active on Stack Overflow and on the product's own site is one member.
    /// </summary>
    public const string AccountIdentityKind = "stackexchange-account";

    private StackExchangeSite(string host) => Host = host;

    public string Host { get; }

    /// <summary>Reads a host; a URL such as <c>https://stackoverflow.com/</c> is accepted too.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out StackExchangeSite? site)
    {
        site = null;
        var host = text?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(host))
        {
            return false;
        }

        if (Uri.TryCreate(host, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
        {
            host = url.Host;
        }

        if (!LooksLikeHost(host))
        {
            return false;
        }

        site = new StackExchangeSite(host);
        return true;
    }

    /// <summary>
    /// The site a dump directory is named after: archive.org publishes each site as <c>HOST.7z</c>, which unpacks
    /// to a directory of that name. <c>null</c> when the name is not a host.
    /// </summary>
    public static StackExchangeSite? FromDirectoryName(string directory)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
        if (name.EndsWith(".7z", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^3];
        }

        return TryParse(name, out var site) ? site : null;
    }

    /// <summary>The identity of a user of this site.</summary>
    public Identity UserIdentity(int userId) => Host == StackOverflowHost
        ? Identity.Create(IdentityKinds.StackOverflow, userId.ToString(System.Globalization.CultureInfo.InvariantCulture))
        : Identity.Create(SiteIdentityKind, $"{Host}/{userId}");

    public string QuestionUrl(int questionId) => $"https://{Host}/q/{questionId}";

    public string AnswerUrl(int answerId) => $"https://{Host}/a/{answerId}";

    public string CommentUrl(int commentId) => $"https://{Host}/posts/comments/{commentId}";

    /// <summary>A message id unique across sites and kinds: <c>stackexchange:HOST:KIND:ID</c>.</summary>
    public string MessageId(string kind, string id) => $"stackexchange:{Host}:{kind}:{id}";

    public override string ToString() => Host;

    private static bool LooksLikeHost(string host)
    {
        if (host.Length > 253 || !host.Contains('.', StringComparison.Ordinal) || host[0] is '.' or '-' || host[^1] is '.' or '-')
        {
            return false;
        }

        foreach (var c in host)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-'))
            {
                return false;
            }
        }

        // The last label is a top-level domain: letters only (so "2024.01" is not a host).
        var tld = host[(host.LastIndexOf('.') + 1)..];
        return tld.Length >= 2 && tld.All(char.IsAsciiLetterLower);
    }
}
