namespace Rapport.Storage.Tests;

public sealed class SchemaMigrationsTests
{
    [Fact]
    public void Both_dialects_have_the_same_migration_versions_and_names()
    {
        var duckDb = SchemaMigrations.List(SchemaMigrations.DuckDb);
        var postgres = SchemaMigrations.List(SchemaMigrations.Postgres);

        Assert.NotEmpty(duckDb);
        Assert.Equal(duckDb, postgres);
        // Features are given their numbers in advance and may land out of order, so a number can be missing for a
        // while; versions are still unique and increasing, which is what the migrators rely on.
        var versions = duckDb.Select(migration => migration.Version).ToList();
        Assert.Equal(1, versions[0]);
        Assert.Equal(versions.Distinct().Order(), versions);
    }
}
