namespace Rapport.Core.Users;

/// <summary>A person on the DevRel team who signs in to the dashboard (not a developer the team helps).</summary>
public sealed record UserAccount(
    long Id,
    string Email,
    UserRole Role,
    DateTime CreatedAt,
    DateTime? LastSignInAt,
    bool HasPassword);
