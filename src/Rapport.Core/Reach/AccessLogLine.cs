using System.Globalization;
using System.Text.RegularExpressions;

namespace Rapport.Core.Reach;

/// <summary>
/// One request of a web server's access log in the Common or Combined Log Format (Apache, nginx):
/// <c>203.0.113.5 - - [02/Mar/2026:10:00:00 +0000] "GET /blog/post HTTP/1.1" 200 5120 "https://dzone.com/" "Mozilla/5.0 …"</c>.
/// </summary>
public sealed partial record AccessLogLine(string Client, DateTime At, string Method, string Target, int Status, string? Referrer, string? UserAgent)
{
    /// <summary>Parses a line; <c>false</c> with the reason when it is not in either format.</summary>
    public static bool TryParse(string line, out AccessLogLine? parsed, out string? reason)
    {
        parsed = null;
        var match = Format().Match(line);
        if (!match.Success)
        {
            reason = "not in the Common or Combined Log Format (client - user [time] \"METHOD /path PROTOCOL\" status size \"referrer\" \"user agent\")";
            return false;
        }

        if (!DateTimeOffset.TryParseExact(match.Groups["time"].Value, "dd/MMM/yyyy:HH:mm:ss zzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            reason = $"the time [{match.Groups["time"].Value}] is not dd/MMM/yyyy:HH:mm:ss +hhmm";
            return false;
        }

        reason = null;
        parsed = new AccessLogLine(
            match.Groups["client"].Value, at.UtcDateTime, match.Groups["method"].Value, match.Groups["target"].Value,
            int.Parse(match.Groups["status"].Value, CultureInfo.InvariantCulture),
            Dash(match.Groups["referrer"]), Dash(match.Groups["agent"]));
        return true;
    }

    /// <summary>Whether the request fetched a page a person reads: GET or HEAD, answered 2xx or 304, not an asset.</summary>
    public bool IsPageView
    {
        get
        {
            if (Method is not ("GET" or "HEAD") || !(Status is >= 200 and < 300 or 304))
            {
                return false;
            }

            var path = Path;
            var name = path[(path.LastIndexOf('/') + 1)..];
            var dot = name.LastIndexOf('.');
            return dot < 0 || name[dot..].ToLowerInvariant() is ".html" or ".htm" or ".php" or ".aspx";
        }
    }

    /// <summary>The path without the query.</summary>
    public string Path => Target.IndexOf('?') is var query and >= 0 ? Target[..query] : Target;

    private static string? Dash(Group group) => group.Success && group.Value is { Length: > 0 } value && value != "-" ? value : null;

    [GeneratedRegex("""^(?<client>\S+) \S+ \S+ \[(?<time>[^\]]+)\] "(?<method>[A-Z]+) (?<target>\S+)(?: [^"]*)?" (?<status>\d{3}) \S+(?: "(?<referrer>[^"]*)" "(?<agent>[^"]*)")?""")]
    private static partial Regex Format();
}
