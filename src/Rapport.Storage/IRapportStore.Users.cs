using Rapport.Core.Users;

namespace Rapport.Storage;

/// <summary>The dashboard's users and what keeps them signed in. Users belong to the installation, not to a workspace.</summary>
public partial interface IRapportStore
{
    /// <summary>Creates a user; <see cref="UserExistsException"/> when the email is taken.</summary>
    Task<UserAccount> CreateUserAsync(string email, UserRole role, string? passwordHash, CancellationToken cancellationToken);

    Task<IReadOnlyList<UserAccount>> ListUsersAsync(CancellationToken cancellationToken);

    Task<UserAccount?> FindUserAsync(string email, CancellationToken cancellationToken);

    Task<UserAccount?> GetUserAsync(long id, CancellationToken cancellationToken);

    /// <summary>The stored password hash of an active user, to check a sign-in; <c>null</c> when there is none.</summary>
    Task<string?> GetPasswordHashAsync(long userId, CancellationToken cancellationToken);

    Task SetPasswordHashAsync(long userId, string passwordHash, CancellationToken cancellationToken);

    /// <summary>
    /// Disables a user (they cannot sign in, by password or link, and their sessions end at the next request) or enables
    /// them again; the user afterwards, or <c>null</c> when there is none.
    /// </summary>
    Task<UserAccount?> SetUserDisabledAsync(long userId, bool disabled, CancellationToken cancellationToken);

    Task SetUserRoleAsync(long userId, UserRole role, CancellationToken cancellationToken);

    /// <summary>Removes a user and their sign-in links; what they wrote (notes) keeps their email as its author.</summary>
    Task<bool> DeleteUserAsync(long userId, CancellationToken cancellationToken);

    Task RecordSignInAsync(long userId, CancellationToken cancellationToken);

    /// <summary>
    /// Creates a one-time sign-in link valid for <paramref name="lifetime"/>; the store keeps only its hash. A disabled
    /// user gets none: <see cref="UserDisabledException"/>.
    /// </summary>
    Task<SignInLink> CreateSignInLinkAsync(long userId, TimeSpan lifetime, CancellationToken cancellationToken);

    /// <summary>Uses up a sign-in link: its user, or <c>null</c> when the token is unknown, used or expired.</summary>
    Task<UserAccount?> RedeemSignInLinkAsync(string token, CancellationToken cancellationToken);

    /// <summary>The ASP.NET Core data protection key ring (it signs cookies), shared by every instance on the store.</summary>
    Task<IReadOnlyList<string>> ListDataProtectionKeysAsync(CancellationToken cancellationToken);

    Task AddDataProtectionKeyAsync(string name, string xml, CancellationToken cancellationToken);
}
