using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Rapport.Core.Users;

namespace Rapport.Storage;

public abstract partial class SqlStore
{
    private const string UserColumns = "id, email, role, created_at, last_sign_in_at, password_hash IS NOT NULL, disabled_at";

    public async Task<UserAccount> CreateUserAsync(string email, UserRole role, string? passwordHash, CancellationToken cancellationToken)
    {
        var address = NormaliseEmail(email);
        try
        {
            return await WriteAsync(
                $"INSERT INTO users (email, role, password_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING {UserColumns}",
                [address, UserRoles.Name(role), passwordHash, Now()],
                reader => reader.Read() ? ReadUser(reader) : throw new InvalidOperationException("the new user was not returned"),
                cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            throw new UserExistsException(address);
        }
    }

    public Task<IReadOnlyList<UserAccount>> ListUsersAsync(CancellationToken cancellationToken) =>
        QueryAsync<IReadOnlyList<UserAccount>>($"SELECT {UserColumns} FROM users ORDER BY email", [], reader =>
        {
            var users = new List<UserAccount>();
            while (reader.Read())
            {
                users.Add(ReadUser(reader));
            }

            return users;
        }, cancellationToken);

    public Task<UserAccount?> FindUserAsync(string email, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {UserColumns} FROM users WHERE email = $1", [email.Trim().ToLowerInvariant()],
            reader => reader.Read() ? ReadUser(reader) : null, cancellationToken);

    public Task<UserAccount?> GetUserAsync(long id, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {UserColumns} FROM users WHERE id = $1", [id],
            reader => reader.Read() ? ReadUser(reader) : null, cancellationToken);

    public Task<string?> GetPasswordHashAsync(long userId, CancellationToken cancellationToken) =>
        QueryAsync("SELECT password_hash FROM users WHERE id = $1 AND disabled_at IS NULL", [userId],
            reader => reader.Read() ? ReadText(reader, 0) : null, cancellationToken);

    public Task SetPasswordHashAsync(long userId, string passwordHash, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE users SET password_hash = $2 WHERE id = $1", [userId, passwordHash], cancellationToken);

    public async Task<UserAccount?> SetUserDisabledAsync(long userId, bool disabled, CancellationToken cancellationToken)
    {
        if (disabled)
        {
            // Disabling twice keeps the first time; unused sign-in links go, so that enabling the user does not revive them.
            await ExecuteAsync(
            [
                ("UPDATE users SET disabled_at = coalesce(disabled_at, $2) WHERE id = $1", [userId, Now()]),
                ("DELETE FROM sign_in_links WHERE user_id = $1 AND used_at IS NULL", [userId]),
            ], cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await ExecuteAsync("UPDATE users SET disabled_at = NULL WHERE id = $1", [userId], cancellationToken).ConfigureAwait(false);
        }

        return await GetUserAsync(userId, cancellationToken).ConfigureAwait(false);
    }

    public Task SetUserRoleAsync(long userId, UserRole role, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE users SET role = $2 WHERE id = $1", [userId, UserRoles.Name(role)], cancellationToken);

    public async Task<bool> DeleteUserAsync(long userId, CancellationToken cancellationToken)
    {
        if (await GetUserAsync(userId, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        await ExecuteAsync(
        [
            ("DELETE FROM sign_in_links WHERE user_id = $1", [userId]),
            ("DELETE FROM users WHERE id = $1", [userId]),
        ], cancellationToken).ConfigureAwait(false);
        return true;
    }

    public Task RecordSignInAsync(long userId, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE users SET last_sign_in_at = $2 WHERE id = $1", [userId, Now()], cancellationToken);

    public async Task<SignInLink> CreateSignInLinkAsync(long userId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var user = await GetUserAsync(userId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"there is no user {userId}");
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = Now();
        var expiresAt = now + lifetime;

        // The link is made only while the user is enabled, in the same statement, so a user disabled meanwhile gets none.
        var made = await WriteAsync(
            """
            INSERT INTO sign_in_links (token_sha256, user_id, created_at, expires_at)
            SELECT $1, id, $3, $4 FROM users WHERE id = $2 AND disabled_at IS NULL
            RETURNING user_id
            """,
            [TokenHash(token), userId, now, expiresAt],
            reader => reader.Read(),
            cancellationToken).ConfigureAwait(false);
        if (!made)
        {
            // Disabled, or removed since it was read.
            _ = await GetUserAsync(userId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"there is no user {userId}");
            throw new UserDisabledException(user.Email);
        }

        return new SignInLink(user, token, expiresAt);
    }

    public async Task<UserAccount?> RedeemSignInLinkAsync(string token, CancellationToken cancellationToken)
    {
        // One statement marks the link used only if it is still unused and unexpired, so a link works once even
        // when two requests race for it.
        var userId = await WriteAsync(
            """
            UPDATE sign_in_links SET used_at = $2
            WHERE token_sha256 = $1 AND used_at IS NULL AND expires_at > $2
              AND user_id IN (SELECT id FROM users WHERE disabled_at IS NULL)
            RETURNING user_id
            """,
            [TokenHash(token.Trim()), Now()],
            reader => reader.Read() ? reader.GetInt64(0) : (long?)null,
            cancellationToken).ConfigureAwait(false);
        return userId is { } id ? await GetUserAsync(id, cancellationToken).ConfigureAwait(false) : null;
    }

    public Task<IReadOnlyList<string>> ListDataProtectionKeysAsync(CancellationToken cancellationToken) =>
        QueryAsync<IReadOnlyList<string>>("SELECT xml FROM data_protection_keys ORDER BY created_at, name", [], reader =>
        {
            var keys = new List<string>();
            while (reader.Read())
            {
                keys.Add(reader.GetString(0));
            }

            return keys;
        }, cancellationToken);

    public Task AddDataProtectionKeyAsync(string name, string xml, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "INSERT INTO data_protection_keys (name, xml, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING",
            [name, xml, Now()], cancellationToken);

    private static UserAccount ReadUser(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        UserRoles.Parse(reader.GetString(2)),
        ReadTime(reader, 3)!.Value,
        ReadTime(reader, 4),
        reader.GetBoolean(5),
        ReadTime(reader, 6));

    private static string NormaliseEmail(string email)
    {
        var address = email.Trim().ToLowerInvariant();
        var at = address.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < address.Length - 1 && !address.Contains(' ', StringComparison.Ordinal)
            ? address
            : throw new FormatException($"'{email}' is not an email address");
    }

    private static string TokenHash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
