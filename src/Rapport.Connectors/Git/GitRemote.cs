namespace Rapport.Connectors.Git;

/// <summary>
/// A remote's URL read for what Rapport needs: the <c>owner/name</c> that names the repository, and, on GitHub, the
/// web address of a commit.
/// </summary>
public sealed record GitRemote(string Host, string OwnerAndName)
{
    /// <summary>
    /// Reads <c>https://github.com/owner/name.git</c>, <c>git@github.com:owner/name.git</c> and
    /// <c>ssh://git@host:22/owner/name</c>; <c>null</c> for a local path or anything without an owner and a name.
    /// </summary>
    public static GitRemote? TryParse(string url)
    {
        url = url.Trim();
        string host, path;
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.IsFile || string.IsNullOrEmpty(uri.Host))
            {
                return null;
            }

            host = uri.Host;
            path = Uri.UnescapeDataString(uri.AbsolutePath);
        }
        else
        {
            // scp-like syntax, user@host:path; a colon after a slash is part of a local path, not a host.
            var colon = url.IndexOf(':', StringComparison.Ordinal);
            var slash = url.IndexOf('/', StringComparison.Ordinal);
            if (colon <= 0 || (slash >= 0 && slash < colon))
            {
                return null;
            }

            host = url[..colon];
            host = host[(host.IndexOf('@', StringComparison.Ordinal) + 1)..];
            path = url[(colon + 1)..];
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2 || host.Length == 0)
        {
            return null;
        }

        var name = segments[^1];
        if (name.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^4];
        }

        return name.Length == 0 ? null : new GitRemote(host.ToLowerInvariant(), $"{segments[^2]}/{name}");
    }

    /// <summary>The commit's page on GitHub, or <c>null</c> for other hosts, whose URL schemes differ.</summary>
    public string? CommitUrl(string sha) =>
        Host == "github.com" ? $"https://github.com/{OwnerAndName}/commit/{sha}" : null;
}
