namespace Rapport.Storage;

/// <summary>
/// Failed sign-ins per email, kept in the store so that every instance serving it locks an email after the same number
/// of failures. Like users, they belong to the installation; the store keeps a hash of the email, not the address.
/// </summary>
public partial interface IRapportStore
{
    /// <summary>
    /// Counts a failed sign-in for <paramref name="email"/>, in one statement (instances failing at once all count):
    /// the <paramref name="failuresToLock"/>-th failure within <paramref name="lockDuration"/> of the first locks the
    /// email for <paramref name="lockDuration"/> from now. A failure after the window (and any lock) ended starts anew.
    /// </summary>
    Task RecordSignInFailureAsync(string email, int failuresToLock, TimeSpan lockDuration, CancellationToken cancellationToken);

    /// <summary>When the lock on <paramref name="email"/> ends, or <c>null</c> when it is not locked now.</summary>
    Task<DateTimeOffset?> GetSignInLockAsync(string email, CancellationToken cancellationToken);

    /// <summary>Forgets the failures of <paramref name="email"/>, after it signed in.</summary>
    Task ClearSignInFailuresAsync(string email, CancellationToken cancellationToken);
}
