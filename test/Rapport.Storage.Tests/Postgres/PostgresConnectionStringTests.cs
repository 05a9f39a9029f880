using Rapport.Storage.Postgres;

namespace Rapport.Storage.Tests.Postgres;

/// <summary>How <c>--db</c> names a PostgreSQL server; needs no server.</summary>
public sealed class PostgresConnectionStringTests
{
    [Theory]
    [InlineData("postgres://rapport:s%40cret@db.example.com:5433/rapport", "db.example.com", 5433, "rapport", "s@cret", "rapport")]
    [InlineData("postgresql://u@localhost/analytics", "localhost", 5432, "u", null, "analytics")]
    [InlineData("Host=127.0.0.1;Port=6432;Username=a;Password=b;Database=c", "127.0.0.1", 6432, "a", "b", "c")]
    public void A_URI_or_connection_string_names_the_server(string location, string host, int port, string user, string? password, string database)
    {
        Assert.True(RapportStore.IsPostgres(location));
        var builder = PostgresStore.ConnectionStringBuilder(location);
        Assert.Equal((host, port, user, password, database), (builder.Host, builder.Port, builder.Username, builder.Password, builder.Database));
    }

    [Fact]
    public void A_URI_with_an_option_Npgsql_does_not_know_is_refused() =>
        Assert.Throws<StoreOpenException>(() => PostgresStore.ConnectionStringBuilder("postgres://u@h/db?no_such_option=1"));
}
