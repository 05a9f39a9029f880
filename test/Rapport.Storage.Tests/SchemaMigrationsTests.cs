namespace Rapport.Storage.Tests;

public sealed class SchemaMigrationsTests
{
    [Fact]
    public void Both_dialects_have_the_same_migration_versions_and_names_in_increasing_order()
    {
        var duckDb = SchemaMigrations.List(SchemaMigrations.DuckDb);
        var postgres = SchemaMigrations.List(SchemaMigrations.Postgres);

        Assert.NotEmpty(duckDb);
        Assert.Equal(duckDb, postgres);
        // Every version from 1 to the latest, once: a store migrated to version N has every migration up to N.
        var versions = duckDb.Select(migration => migration.Version).ToList();
        Assert.Equal(Enumerable.Range(1, versions.Count), versions);
    }
}
