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
        // Features developed side by side are given their numbers in advance, so a branch may lack another's number.
        Assert.Equal(1, duckDb[0].Version);
        Assert.Equal(duckDb.Select(migration => migration.Version).Distinct().Order(), duckDb.Select(migration => migration.Version));
    }
}
