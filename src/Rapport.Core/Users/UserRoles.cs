namespace Rapport.Core.Users;

/// <summary>Role names as they are written on the command line, in the API and in the store.</summary>
public static class UserRoles
{
    public static string Name(UserRole role) => role switch
    {
        UserRole.Viewer => "viewer",
        UserRole.Editor => "editor",
        UserRole.Owner => "owner",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static UserRole Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "viewer" => UserRole.Viewer,
        "editor" => UserRole.Editor,
        "owner" => UserRole.Owner,
        _ => throw new FormatException($"'{name}' is not a role: use owner, editor or viewer"),
    };
}
