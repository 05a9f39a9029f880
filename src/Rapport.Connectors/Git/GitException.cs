namespace Rapport.Connectors.Git;

/// <summary>
/// A repository that cannot be read: git is missing, the path is not a repository, or git failed. The message names
/// the path and says what to do, and is meant to be shown as it is.
/// </summary>
public sealed class GitException(string message) : Exception(message);
