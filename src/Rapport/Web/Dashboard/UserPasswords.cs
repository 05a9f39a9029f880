using Microsoft.AspNetCore.Identity;
using Rapport.Core.Users;

namespace Rapport.Web.Dashboard;

/// <summary>
/// Password hashing with ASP.NET Core Identity's hasher (PBKDF2 with HMAC-SHA512, salted, versioned): the store
/// keeps only its hashes.
/// </summary>
internal static class UserPasswords
{
    public const int MinimumLength = 12;

    private static readonly PasswordHasher<UserAccount> Hasher = new();

    public static string Hash(string password)
    {
        if (password.Length < MinimumLength)
        {
            throw new ArgumentException($"a password needs at least {MinimumLength} characters", nameof(password));
        }

        // The hasher does not use the user; the hash stands on its own.
        return Hasher.HashPassword(null!, password);
    }

    public static bool Verify(string hash, string password) =>
        Hasher.VerifyHashedPassword(null!, hash, password) is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded;
}
