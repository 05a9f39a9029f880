using Rapport.Core.Users;
using Rapport.Storage;
using Rapport.Web.Access;
using Rapport.Web.Dashboard.Pages.Settings;

namespace Rapport.Web;

/// <summary>
/// The dashboard's users over HTTP, as on the settings page and <c>rapport users</c>: list, create (with a one-time
/// sign-in link), a new sign-in link, change a role, disable and enable, remove. Rapport always keeps an active owner. Users belong to the
/// installation, so only a signed-in owner may call these (<see cref="RouteAccess.OwnerSession"/>), never a workspace's key.
/// </summary>
internal static class UserEndpoints
{
    public static void MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/v1/users");
        users.MapGet("", ListAsync)
            .WithName("ListUsers")
            .WithSummary("The dashboard's users: email, role, whether a password is set, last sign-in.")
            .RequiresAccess(RouteAccess.OwnerSession);
        users.MapPost("", CreateAsync)
            .WithName("CreateUser")
            .WithSummary("Creates a user and answers a one-time sign-in link for them, shown only here.")
            .RequiresAccess(RouteAccess.OwnerSession);
        users.MapPost("/{userId:long}/links", CreateLinkAsync)
            .WithName("CreateSignInLink")
            .WithSummary("Creates a new one-time sign-in link for a user, shown only here; a disabled user gets none.")
            .RequiresAccess(RouteAccess.OwnerSession);
        users.MapPatch("/{userId:long}", ChangeRoleAsync)
            .WithName("ChangeUserRole")
            .WithSummary("Changes a user's role; the last owner stays an owner.")
            .RequiresAccess(RouteAccess.OwnerSession);
        users.MapPost("/{userId:long}/disable", DisableAsync)
            .WithName("DisableUser")
            .WithSummary("Disables a user: they cannot sign in and their sessions end; the last active owner cannot be disabled.")
            .RequiresAccess(RouteAccess.OwnerSession);
        users.MapPost("/{userId:long}/enable", EnableAsync)
            .WithName("EnableUser")
            .WithSummary("Enables a disabled user again; they sign in with their password or a new sign-in link.")
            .RequiresAccess(RouteAccess.OwnerSession);
        users.MapDelete("/{userId:long}", RemoveAsync)
            .WithName("RemoveUser")
            .WithSummary("Removes a user, who is signed out at their next request; the last owner cannot be removed.")
            .RequiresAccess(RouteAccess.OwnerSession);
    }

    /// <summary>A user to create: their email and role (owner, editor or viewer).</summary>
    internal sealed record UserRequest(string? Email, string? Role);

    /// <summary>A role to give a user.</summary>
    internal sealed record RoleRequest(string? Role);

    /// <summary>A new user, and the path of their one-time sign-in link (valid until <paramref name="LinkExpiresAt"/>).</summary>
    internal sealed record CreatedUser(UserAccount User, string SignInLink, DateTime LinkExpiresAt);

    private static async Task<Ok<IReadOnlyList<UserAccount>>> ListAsync(IRapportStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListUsersAsync(cancellationToken));

    private static async Task<Created<CreatedUser>> CreateAsync(IRapportStore store, UserRequest request, CancellationToken cancellationToken)
    {
        var role = UserRoles.Parse(request.Role ?? "");
        if (string.IsNullOrWhiteSpace(request.Email))
        {
            throw new FormatException("'email' is required.");
        }

        var user = await store.CreateUserAsync(request.Email, role, null, cancellationToken);
        var link = await store.CreateSignInLinkAsync(user.Id, SettingsModel.LinkLifetime, cancellationToken);
        return TypedResults.Created($"/api/v1/users/{user.Id}", new CreatedUser(user, $"/signin/link/{link.Token}", link.ExpiresAt));
    }

    /// <summary>A one-time sign-in link: its path on the server, and until when it works.</summary>
    internal sealed record NewSignInLink(UserAccount User, string SignInLink, DateTime ExpiresAt);

    private static async Task<Ok<NewSignInLink>> CreateLinkAsync(IRapportStore store, long userId, CancellationToken cancellationToken)
    {
        var user = await store.GetUserAsync(userId, cancellationToken) ?? throw new NotFoundException($"There is no user {userId}.");
        try
        {
            var link = await store.CreateSignInLinkAsync(user.Id, SettingsModel.LinkLifetime, cancellationToken);
            return TypedResults.Ok(new NewSignInLink(user, $"/signin/link/{link.Token}", link.ExpiresAt));
        }
        catch (UserDisabledException e)
        {
            throw new ConflictException($"{e.Message}: enable them first.");
        }
    }

    private static async Task<Ok<UserAccount>> ChangeRoleAsync(IRapportStore store, long userId, RoleRequest request, CancellationToken cancellationToken)
    {
        var role = UserRoles.Parse(request.Role ?? "");
        _ = await store.GetUserAsync(userId, cancellationToken) ?? throw new NotFoundException($"There is no user {userId}.");
        if (!OwnerRule.KeepsAnOwner(await store.ListUsersAsync(cancellationToken), userId, role))
        {
            throw new ConflictException("Rapport needs at least one owner: make someone else an owner first.");
        }

        await store.SetUserRoleAsync(userId, role, cancellationToken);
        return TypedResults.Ok((await store.GetUserAsync(userId, cancellationToken))!);
    }

    private static async Task<Ok<UserAccount>> DisableAsync(IRapportStore store, long userId, CancellationToken cancellationToken)
    {
        _ = await store.GetUserAsync(userId, cancellationToken) ?? throw new NotFoundException($"There is no user {userId}.");
        if (!OwnerRule.KeepsAnOwner(await store.ListUsersAsync(cancellationToken), userId, null))
        {
            throw new ConflictException("Rapport needs at least one active owner: make someone else an owner first.");
        }

        return TypedResults.Ok((await store.SetUserDisabledAsync(userId, disabled: true, cancellationToken))!);
    }

    private static async Task<Ok<UserAccount>> EnableAsync(IRapportStore store, long userId, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.SetUserDisabledAsync(userId, disabled: false, cancellationToken)
            ?? throw new NotFoundException($"There is no user {userId}."));

    private static async Task<NoContent> RemoveAsync(IRapportStore store, long userId, CancellationToken cancellationToken)
    {
        _ = await store.GetUserAsync(userId, cancellationToken) ?? throw new NotFoundException($"There is no user {userId}.");
        if (!OwnerRule.KeepsAnOwner(await store.ListUsersAsync(cancellationToken), userId, null))
        {
            throw new ConflictException("Rapport needs at least one owner: make someone else an owner first.");
        }

        await store.DeleteUserAsync(userId, cancellationToken);
        return TypedResults.NoContent();
    }
}
