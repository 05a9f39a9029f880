using System.Collections.Concurrent;

namespace Rapport.Web.Access;

/// <summary>
/// Locks an email after repeated failed sign-ins, for a while: a password cannot be guessed from many addresses at once
/// either. Kept in the process (a restart forgets it, which costs an attacker the restart's time, not the lock's).
/// </summary>
internal sealed class SignInLockout(TimeProvider clock, int failures, TimeSpan duration)
{
    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset Until)> _emails = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long the email is still locked, or <c>null</c>.</summary>
    public TimeSpan? LockedFor(string email)
    {
        var now = clock.GetUtcNow();
        return _emails.TryGetValue(email.Trim(), out var state) && state.Failures >= failures && state.Until > now ? state.Until - now : null;
    }

    public void Failed(string email) =>
        _emails.AddOrUpdate(email.Trim(), _ => (1, clock.GetUtcNow() + duration), (_, state) =>
            state.Until <= clock.GetUtcNow() ? (1, clock.GetUtcNow() + duration) : (state.Failures + 1, clock.GetUtcNow() + duration));

    public void Succeeded(string email) => _emails.TryRemove(email.Trim(), out _);
}
