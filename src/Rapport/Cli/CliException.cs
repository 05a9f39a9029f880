namespace Rapport.Cli;

/// <summary>A command that cannot do what was asked; its message is printed as it is, without a stack trace.</summary>
internal sealed class CliException(string message) : Exception(message);
