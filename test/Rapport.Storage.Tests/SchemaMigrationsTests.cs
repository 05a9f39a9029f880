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
        Assert.Equal(Enumerable.Range(1, duckDb.Count), duckDb.Select(migration => migration.Version));
    }
}
