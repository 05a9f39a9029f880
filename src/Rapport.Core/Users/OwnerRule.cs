namespace Rapport.Core.Users;

/// <summary>Rapport always keeps at least one owner: nobody else could manage users, keys or settings.</summary>
public static class OwnerRule
{
    /// <summary>Whether an owner remains once <paramref name="userId"/> takes <paramref name="newRole"/> (<c>null</c>: is removed).</summary>
    public static bool KeepsAnOwner(IEnumerable<UserAccount> users, long userId, UserRole? newRole) =>
        users.Any(user => user.Role == UserRole.Owner && (user.Id != userId || newRole == UserRole.Owner));
}
