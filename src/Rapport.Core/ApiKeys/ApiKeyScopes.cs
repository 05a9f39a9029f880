using System.Diagnostics.CodeAnalysis;

namespace Rapport.Core.ApiKeys;

/// <summary>Scope names as users write them (<c>ingest</c>, <c>read</c>, <c>admin</c>) and what each allows.</summary>
public static class ApiKeyScopes
{
    public static IReadOnlyList<string> Names { get; } = ["ingest", "read", "admin"];

    public static string Name(ApiKeyScope scope) => scope switch
    {
        ApiKeyScope.Ingest => "ingest",
        ApiKeyScope.Read => "read",
        ApiKeyScope.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, null),
    };

    public static bool TryParse(string? name, [NotNullWhen(true)] out ApiKeyScope? scope)
    {
        scope = name?.Trim().ToLowerInvariant() switch
        {
            "ingest" => ApiKeyScope.Ingest,
            "read" => ApiKeyScope.Read,
            "admin" => ApiKeyScope.Admin,
            _ => null,
        };
        return scope is not null;
    }

    /// <summary>Reads a scope name as stored; an unknown one means the store was written by a newer Rapport.</summary>
    public static ApiKeyScope Parse(string name) =>
        TryParse(name, out var scope) ? scope.Value : throw new FormatException($"'{name}' is not an API key scope");

    /// <summary>Whether a key of scope <paramref name="granted"/> may do what <paramref name="required"/> guards.</summary>
    public static bool Allows(this ApiKeyScope granted, ApiKeyScope required) =>
        granted == required || granted == ApiKeyScope.Admin;
}
