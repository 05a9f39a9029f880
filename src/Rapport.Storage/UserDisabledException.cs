namespace Rapport.Storage;

/// <summary>
/// A sign-in link was asked for a disabled user: it could never be redeemed, so none is made. Each surface adds how to
/// enable the user (the API, the Settings page, <c>rapport users enable</c>).
/// </summary>
public sealed class UserDisabledException(string email) : Exception($"{email} is disabled, so a sign-in link would not work")
{
    public string Email { get; } = email;
}
