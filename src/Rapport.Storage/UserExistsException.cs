namespace Rapport.Storage;

/// <summary>A user with this email already exists.</summary>
public sealed class UserExistsException(string email) : Exception($"a user with the email {email} already exists")
{
    public string Email { get; } = email;
}
