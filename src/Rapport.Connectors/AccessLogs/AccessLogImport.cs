using System.IO.Hashing;
using System.Text;
using Rapport.Connectors.Segment;
using Rapport.Core.Reach;
using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Connectors.AccessLogs;

/// <summary>
/// Imports a web server access log (Common or Combined Log Format) as page views per URL and day, bots, paid and
/// engaged views separated (<see cref="PageViewTally"/>). The file is known by its first line, so importing it again
/// (or a longer copy of it) replaces what it said before, and rotated files add up.
/// </summary>
public sealed class AccessLogImport(IRapportStore store)
{
    /// <param name="site">
    /// The site the log is of (<c>https://example.com</c>), put before each path to match content URLs; empty when not
    /// known. <see cref="FormatException"/> when it is not an http or https address.
    /// </param>
    /// <param name="onRejected">With <paramref name="skipInvalid"/>, told of each line that cannot be read.</param>
    public async Task<(long Lines, IReadOnlyList<PageReachRow> Rows)> ImportAsync(
        Workspace workspace, TextReader log, string name, string site, bool skipInvalid, Action<ImportLineException>? onRejected, CancellationToken cancellationToken)
    {
        CheckSite(site);
        var tally = new PageViewTally(site, EngagementThresholds.DefaultSeconds);
        string? first = null;
        var number = 0L;
        while (await log.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            first ??= line;
            if (!AccessLogLine.TryParse(line, out var parsed, out var reason))
            {
                var error = new ImportLineException(name, number, reason!);
                if (!skipInvalid)
                {
                    throw error;
                }

                onRejected?.Invoke(error);
                continue;
            }

            tally.Add(parsed!);
        }

        if (first is null)
        {
            throw new ImportLineException(name, null, "the log is empty");
        }

        var rows = tally.Rows();
        var key = Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(site + "\n" + first)));
        await store.ReplacePageReachAsync(workspace, key, rows, cancellationToken).ConfigureAwait(false);
        return (number, rows);
    }

    /// <summary><see cref="FormatException"/> when <paramref name="site"/> is given and is not an http or https address.</summary>
    public static void CheckSite(string site)
    {
        if (site.Length > 0 && !(Uri.TryCreate(site, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            throw new FormatException($"site '{site}' is not an http or https address");
        }
    }
}
