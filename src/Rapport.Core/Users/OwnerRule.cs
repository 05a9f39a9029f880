namespace Rapport.Core.Users;

/// <summary>Rapport always keeps at least one owner: nobody else could manage users, keys or settings.</summary>
public static class OwnerRule
{
    /// <summary>
    /// Whether an active owner remains once <paramref name="userId"/> takes <paramref name="newRole"/> (<c>null</c>: is
    /// removed or disabled). A disabled owner cannot sign in, so does not count.
    /// </summary>
    public static bool KeepsAnOwner(IEnumerable<UserAccount> users, long userId, UserRole? newRole) =>
        users.Any(user => user.Role == UserRole.Owner && user.DisabledAt is null && (user.Id != userId || newRole == UserRole.Owner));
}
