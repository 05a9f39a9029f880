namespace Rapport.Web;

/// <summary>A request that contradicts the current state (removing the last owner): a 409.</summary>
internal sealed class ConflictException(string message) : Exception(message);
