using Rapport.Storage;

namespace Rapport.Web.Access;

/// <summary>
/// Locks an email after repeated failed sign-ins, for a while: a password cannot be guessed from many addresses at once
/// either. The failures are kept in the store, so that several instances serving one store count them together and a
/// restart does not forget them.
/// </summary>
internal sealed class SignInLockout(IRapportStore store, TimeProvider clock, int failures, TimeSpan duration)
{
    /// <summary>How long the email is still locked, or <c>null</c>.</summary>
    public async Task<TimeSpan?> LockedForAsync(string email, CancellationToken cancellationToken) =>
        await store.GetSignInLockAsync(email, cancellationToken).ConfigureAwait(false) is { } until && until > clock.GetUtcNow()
            ? until - clock.GetUtcNow()
            : null;

    public Task FailedAsync(string email, CancellationToken cancellationToken) =>
        store.RecordSignInFailureAsync(email, failures, duration, cancellationToken);

    public Task SucceededAsync(string email, CancellationToken cancellationToken) =>
        store.ClearSignInFailuresAsync(email, cancellationToken);
}
