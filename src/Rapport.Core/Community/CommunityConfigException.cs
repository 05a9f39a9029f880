namespace Rapport.Core.Community;

/// <summary>A community configuration that cannot be used, with the reason.</summary>
public sealed class CommunityConfigException(string message) : Exception(message);
