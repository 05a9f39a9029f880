namespace Rapport.Configuration;

/// <summary>Limits that keep one client from guessing passwords or flooding ingest (docs/security.md#rate-limits).</summary>
internal sealed class SecuritySettings
{
    /// <summary>Sign-in attempts (<c>POST /signin</c>) one client address may make per minute; more are answered 429.</summary>
    public int SignInPermitsPerMinute { get; set; } = 30;

    /// <summary>Requests to the Segment tracking API (<c>/v1/…</c>) one client address may make per minute; <c>0</c> for no limit.</summary>
    public int IngestPermitsPerMinute { get; set; } = 60_000;

    /// <summary>Failed sign-ins for one email after which it is locked.</summary>
    public int LockoutFailures { get; set; } = 5;

    /// <summary>How long an email stays locked after <see cref="LockoutFailures"/> failed sign-ins.</summary>
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>
    /// Whether webhook targets and URL imports may reach loopback, private, link-local and metadata addresses. Off:
    /// only a test setup or a closed network with receivers on it has reason to turn it on.
    /// </summary>
    public bool AllowPrivateNetworkUrls { get; set; }
}
