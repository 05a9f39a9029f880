namespace Rapport.Configuration;

/// <summary>A setting that cannot be used, named with where its value came from.</summary>
internal sealed class ConfigurationException(string message) : Exception(message);
