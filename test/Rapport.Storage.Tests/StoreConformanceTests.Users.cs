using Rapport.Core.Users;

namespace Rapport.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task Users_are_created_once_per_email_and_listed_by_email()
    {
        var owner = await Store.CreateUserAsync(" Ada@Example.com ", UserRole.Owner, "hash-1", Token);
        await Store.CreateUserAsync("bob@example.com", UserRole.Viewer, null, Token);

        Assert.Equal("ada@example.com", owner.Email);
        Assert.Equal(UserRole.Owner, owner.Role);
        Assert.True(owner.HasPassword);
        Assert.Equal(Clock.GetUtcNow().UtcDateTime, owner.CreatedAt);
        var duplicate = await Assert.ThrowsAsync<UserExistsException>(
            () => Store.CreateUserAsync("ADA@example.com", UserRole.Viewer, null, Token));
        Assert.Equal("ada@example.com", duplicate.Email);
        var users = await Store.ListUsersAsync(Token);
        Assert.Equal(["ada@example.com", "bob@example.com"], users.Select(user => user.Email));
        Assert.False(users[1].HasPassword);
        Assert.Equal("hash-1", await Store.GetPasswordHashAsync(owner.Id, Token));
        Assert.Equal(owner, await Store.FindUserAsync("ada@EXAMPLE.com", Token));
    }

    [Fact]
    public async Task A_sign_in_link_works_once_and_not_after_it_expires()
    {
        var user = await Store.CreateUserAsync("ada@example.com", UserRole.Editor, null, Token);
        var link = await Store.CreateSignInLinkAsync(user.Id, TimeSpan.FromMinutes(30), Token);
        var late = await Store.CreateSignInLinkAsync(user.Id, TimeSpan.FromMinutes(30), Token);

        Assert.NotEqual(link.Token, late.Token);
        Assert.True(link.Token.Length >= 43);
        Assert.Equal(user.Id, (await Store.RedeemSignInLinkAsync(link.Token, Token))?.Id);
        Assert.Null(await Store.RedeemSignInLinkAsync(link.Token, Token));
        Assert.Null(await Store.RedeemSignInLinkAsync("not-a-token", Token));
        Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Null(await Store.RedeemSignInLinkAsync(late.Token, Token));
    }

    [Fact]
    public async Task A_disabled_user_has_no_password_to_check_nor_a_link_to_redeem_until_enabled()
    {
        var user = await Store.CreateUserAsync("ada@example.com", UserRole.Editor, "hash-1", Token);
        var link = await Store.CreateSignInLinkAsync(user.Id, TimeSpan.FromMinutes(30), Token);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var disabledAt = Clock.GetUtcNow().UtcDateTime;

        var disabled = await Store.SetUserDisabledAsync(user.Id, disabled: true, Token);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await Store.SetUserDisabledAsync(user.Id, disabled: true, Token);

        Assert.Equal(disabledAt, disabled?.DisabledAt);
        Assert.Equal(disabledAt, again?.DisabledAt);
        Assert.Null(await Store.GetPasswordHashAsync(user.Id, Token));
        Assert.Null(await Store.RedeemSignInLinkAsync(link.Token, Token));
        Assert.Equal(disabledAt, (await Store.ListUsersAsync(Token)).Single().DisabledAt);
        var refused = await Assert.ThrowsAsync<UserDisabledException>(
            () => Store.CreateSignInLinkAsync(user.Id, TimeSpan.FromMinutes(30), Token));
        Assert.Equal("ada@example.com is disabled, so a sign-in link would not work", refused.Message);

        var enabled = await Store.SetUserDisabledAsync(user.Id, disabled: false, Token);
        Assert.Null(enabled?.DisabledAt);
        Assert.Equal("hash-1", await Store.GetPasswordHashAsync(user.Id, Token));
        // The link made before the user was disabled stays dead: disabling removed it.
        Assert.Null(await Store.RedeemSignInLinkAsync(link.Token, Token));
        var fresh = await Store.CreateSignInLinkAsync(user.Id, TimeSpan.FromMinutes(30), Token);
        Assert.Equal(user.Id, (await Store.RedeemSignInLinkAsync(fresh.Token, Token))?.Id);
        Assert.Null(await Store.SetUserDisabledAsync(999, disabled: true, Token));
    }

    [Fact]
    public async Task Roles_passwords_sign_ins_and_deletion_are_kept()
    {
        var user = await Store.CreateUserAsync("ada@example.com", UserRole.Viewer, null, Token);
        await Store.SetUserRoleAsync(user.Id, UserRole.Owner, Token);
        await Store.SetPasswordHashAsync(user.Id, "hash-2", Token);
        Clock.Advance(TimeSpan.FromHours(1));
        await Store.RecordSignInAsync(user.Id, Token);
        var link = await Store.CreateSignInLinkAsync(user.Id, TimeSpan.FromMinutes(30), Token);

        var (reopened, _) = await ReopenAsync();
        var stored = await reopened.GetUserAsync(user.Id, Token);
        Assert.NotNull(stored);
        Assert.Equal(UserRole.Owner, stored.Role);
        Assert.True(stored.HasPassword);
        Assert.Equal(Clock.GetUtcNow().UtcDateTime, stored.LastSignInAt);
        Assert.True(await reopened.DeleteUserAsync(user.Id, Token));
        Assert.False(await reopened.DeleteUserAsync(user.Id, Token));
        Assert.Null(await reopened.GetUserAsync(user.Id, Token));
        Assert.Null(await reopened.RedeemSignInLinkAsync(link.Token, Token));
    }

    [Fact]
    public async Task Data_protection_keys_are_kept_once_in_the_order_they_were_added()
    {
        await Store.AddDataProtectionKeyAsync("key-b", "<key id=\"b\"/>", Token);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Store.AddDataProtectionKeyAsync("key-a", "<key id=\"a\"/>", Token);
        await Store.AddDataProtectionKeyAsync("key-b", "<key id=\"b2\"/>", Token);

        Assert.Equal(["<key id=\"b\"/>", "<key id=\"a\"/>"], await Store.ListDataProtectionKeysAsync(Token));
    }
}
