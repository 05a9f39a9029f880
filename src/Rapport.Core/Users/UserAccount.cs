namespace Rapport.Core.Users;

/// <summary>A person on the DevRel team who signs in to the dashboard (not a developer the team helps).</summary>
/// <param name="DisabledAt">When an owner disabled the user: they cannot sign in and their sessions stop; <c>null</c> while active.</param>
public sealed record UserAccount(
    long Id,
    string Email,
    UserRole Role,
    DateTime CreatedAt,
    DateTime? LastSignInAt,
    bool HasPassword,
    DateTime? DisabledAt = null);
