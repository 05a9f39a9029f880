using Npgsql;

namespace Rapport.Storage.Tests.Postgres;

/// <summary>
/// The PostgreSQL server the tests use, from <c>RAPPORT_TEST_POSTGRES</c> (a connection string; <c>.ci/postgres.sh</c>
/// starts one). Without it the PostgreSQL tests are skipped on a developer's machine and fail on CI (<c>CI</c> set),
/// so that a broken CI set-up cannot pass by testing one backend only.
/// </summary>
internal static class PostgresTestServer
{
    public const string Variable = "RAPPORT_TEST_POSTGRES";

    public static string ConnectionString
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable(Variable);
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return configured;
            }

            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                throw new InvalidOperationException(
                    $"{Variable} is not set, and on CI the PostgreSQL tests must run: start a server with .ci/postgres.sh and set {Variable} to the connection string it prints.");
            }

            Assert.Skip($"{Variable} is not set: the PostgreSQL tests need a server (.ci/postgres.sh starts one and prints the connection string).");
            return null!;
        }
    }

    /// <summary>Creates an empty database and returns the connection string to it.</summary>
    public static async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        // A database name cannot be a query parameter; this one is made here from a GUID, never from input.
        var name = $"rapport_test_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing any connection still open to it.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        if (name is null || !name.StartsWith("rapport_test_", StringComparison.Ordinal))
        {
            throw new ArgumentException($"{name} is not a test database", nameof(connectionString));
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
