using System.Security.Cryptography;
using System.Text;

namespace Rapport.Storage;

public abstract partial class SqlStore
{
    public Task RecordSignInFailureAsync(string email, int failuresToLock, TimeSpan lockDuration, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failuresToLock, 1);
        var now = Now();
        // One upsert, so that two instances counting the same email at once both count: the row is locked while
        // it changes. Every right-hand side reads the row as it was: a window that ended (and no lock meanwhile)
        // starts over at one failure, else the count goes up and reaching the limit locks from now.
        // Then, in the same transaction, the other emails' rows that would start over at their next failure go: they
        // count nothing, and an email that never fails again would otherwise stay forever. After the upsert, and
        // skipping rows another instance has locked, so that two failures at once never wait for each other.
        var hash = EmailHash(email);
        return ExecuteAsync(
        [
            (
            """
            INSERT INTO sign_in_failures (email_sha256, failures, window_started_at, locked_until)
            VALUES ($1, 1, $2, CASE WHEN $4 <= 1 THEN $3 END)
            ON CONFLICT (email_sha256) DO UPDATE SET
              failures = CASE WHEN sign_in_failures.locked_until <= $2
                  OR (sign_in_failures.locked_until IS NULL AND sign_in_failures.window_started_at <= $5)
                THEN 1 ELSE sign_in_failures.failures + 1 END,
              window_started_at = CASE WHEN sign_in_failures.locked_until <= $2
                  OR (sign_in_failures.locked_until IS NULL AND sign_in_failures.window_started_at <= $5)
                THEN $2 ELSE sign_in_failures.window_started_at END,
              locked_until = CASE
                WHEN sign_in_failures.locked_until <= $2
                  OR (sign_in_failures.locked_until IS NULL AND sign_in_failures.window_started_at <= $5)
                THEN CASE WHEN $4 <= 1 THEN $3 END
                WHEN sign_in_failures.failures + 1 >= $4 THEN $3
                ELSE sign_in_failures.locked_until END
            """,
            [hash, now, now + lockDuration, failuresToLock, now - lockDuration]),
            (
            $"""
            DELETE FROM sign_in_failures WHERE email_sha256 IN (
              SELECT email_sha256 FROM sign_in_failures
              WHERE email_sha256 <> $1 AND (locked_until <= $2 OR (locked_until IS NULL AND window_started_at <= $3)){ClaimRowsClause})
            """,
            [hash, now, now - lockDuration]),
        ], cancellationToken);
    }

    public Task<DateTimeOffset?> GetSignInLockAsync(string email, CancellationToken cancellationToken) =>
        QueryAsync<DateTimeOffset?>(
            "SELECT locked_until FROM sign_in_failures WHERE email_sha256 = $1 AND locked_until > $2",
            [EmailHash(email), Now()],
            reader => reader.Read() && ReadTime(reader, 0) is { } until ? new DateTimeOffset(until) : null,
            cancellationToken);

    public Task ClearSignInFailuresAsync(string email, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM sign_in_failures WHERE email_sha256 = $1", [EmailHash(email)], cancellationToken);

    /// <summary>The key of an email's failures: a hash, so that the table holds no addresses, of the email as users are found by.</summary>
    private static string EmailHash(string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));
}
