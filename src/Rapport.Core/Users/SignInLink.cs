namespace Rapport.Core.Users;

/// <summary>A one-time sign-in token as it is handed to its user; the store keeps only its hash.</summary>
public sealed record SignInLink(UserAccount User, string Token, DateTime ExpiresAt);
