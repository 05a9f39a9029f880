namespace Rapport.Storage.Tests;

public sealed class SchemaMigrationsTests
{
    [Fact]
    public void Both_dialects_have_the_same_rising_migration_versions_and_names()
    {
        var duckDb = SchemaMigrations.List(SchemaMigrations.DuckDb);
        var postgres = SchemaMigrations.List(SchemaMigrations.Postgres);

        Assert.NotEmpty(duckDb);
        Assert.Equal(duckDb, postgres);
        // Versions rise and never repeat; a gap is a number given to a feature that is merged later.
        var versions = duckDb.Select(migration => migration.Version).ToList();
        Assert.Equal(versions.Order().Distinct(), versions);
        Assert.Equal(1, versions[0]);
    }
}
