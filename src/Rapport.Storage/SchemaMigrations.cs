using System.Globalization;
using System.Reflection;

namespace Rapport.Storage;

/// <summary>
/// The versioned schema migrations embedded in this assembly, one <c>NNNN_name.sql</c> list per dialect
/// (<c>DuckDb.Migrations.</c>, <c>Postgres.Migrations.</c>). Both dialects have the same versions and names, so a
/// schema version means the same thing on either backend; a test holds them to it.
/// </summary>
internal static class SchemaMigrations
{
    public const string DuckDb = "DuckDb.Migrations.";

    public const string Postgres = "Postgres.Migrations.";

    public static IReadOnlyList<(int Version, string Name)> List(string dialect) => Assembly.GetExecutingAssembly()
        .GetManifestResourceNames()
        .Where(name => name.StartsWith(dialect, StringComparison.Ordinal))
        .Select(name => name[dialect.Length..^".sql".Length])
        .Select(name => (int.Parse(name[..4], CultureInfo.InvariantCulture), name))
        .OrderBy(migration => migration.Item1)
        .ToList();

    public static string Read(string dialect, string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(dialect + name + ".sql")
            ?? throw new InvalidOperationException($"no embedded migration {dialect}{name}.sql");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static StoreOpenException NewerSchema(int current, int latest) => new(
        $"this store was written by a newer Rapport (schema version {current}; this version knows up to {latest}). Upgrade Rapport to open it.");
}
