using System.Data.Common;
using DuckDB.NET.Data;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Rapport.Core.Identities;
using Rapport.Core.Members;
using Rapport.Storage.Tests.Postgres;

namespace Rapport.Storage.Tests;

/// <summary>
/// Migration 0006 on a store written before it: the user-id guard's suggestions get a rule, a confidence and an id
/// (those of a shared device are withdrawn), and merges get ids; the store then works as a new one would.
/// </summary>
public sealed class MemberToolsMigrationTests : IDisposable
{
    private static readonly string[] Rows =
    [
        "INSERT INTO workspaces (slug, created_at) VALUES ('default', TIMESTAMP '2026-03-01 00:00:00')",
        "INSERT INTO members (workspace_id, id, created_at, activity_count) VALUES (1, 1, TIMESTAMP '2026-03-01 00:00:00', 0), (1, 3, TIMESTAMP '2026-03-01 00:00:00', 0), (1, 4, TIMESTAMP '2026-03-01 00:00:00', 0)",
        """
        INSERT INTO identities (workspace_id, id, member_id, kind, value, first_seen_at) VALUES
          (1, 1, 1, 'user', '1', TIMESTAMP '2026-03-01 00:00:00'), (1, 2, 1, 'email', 'ada@analytical.io', TIMESTAMP '2026-03-01 00:00:00'),
          (1, 3, 3, 'user', '2', TIMESTAMP '2026-03-01 00:00:00'), (1, 4, 1, 'anonymous', 'laptop', TIMESTAMP '2026-03-01 00:00:00'),
          (1, 5, 4, 'user', '3', TIMESTAMP '2026-03-01 00:00:00')
        """,
        """
        INSERT INTO merge_suggestions (workspace_id, identity_id, other_identity_id, reason, suggested_at) VALUES
          (1, 3, 2, 'seen together on one message (email:ada@analytical.io) but the members have different user ids', TIMESTAMP '2026-03-02 00:00:00'),
          (1, 5, 4, 'seen together on one message (anonymous:laptop) but the members have different user ids', TIMESTAMP '2026-03-03 00:00:00')
        """,
        "INSERT INTO member_merges (workspace_id, winner_id, loser_id, merged_at, reason) VALUES (1, 1, 2, TIMESTAMP '2026-03-02 00:00:00', 'identities seen together')",
    ];

    private readonly string _directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rapport-storage-tests", Guid.NewGuid().ToString("N"))).FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_DuckDB_store_of_schema_5_keeps_its_suggestions_and_merges()
    {
        var path = Path.Combine(_directory, "old.duckdb");
        using (var connection = new DuckDBConnection($"Data Source={path}"))
        {
            connection.Open();
            Write(connection, SchemaMigrations.DuckDb, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)");
        }

        await using var store = RapportStore.Open(path, _clock);
        await CheckAsync(store);
    }

    [Fact]
    public async Task A_PostgreSQL_store_of_schema_5_keeps_its_suggestions_and_merges()
    {
        var database = await PostgresTestServer.CreateDatabaseAsync(Token);
        try
        {
            await using (var connection = new NpgsqlConnection(database))
            {
                await connection.OpenAsync(Token);
                Write(connection, SchemaMigrations.Postgres,
                    "CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)");
            }

            await using var store = RapportStore.Open(database, _clock);
            await CheckAsync(store);
        }
        finally
        {
            await PostgresTestServer.DropDatabaseAsync(database);
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task CheckAsync(IRapportStore store)
    {
        var workspace = (await store.FindWorkspaceAsync("default", Token))!;
        var suggestion = Assert.Single(await store.ListMergeSuggestionsAsync(workspace, MergeSuggestionStatus.Open, 10, Token));
        Assert.Equal((1L, MergeRules.SameEmail, 0.95), (suggestion.Id, suggestion.Rule, suggestion.Confidence));
        var merge = Assert.Single(await store.ListMemberMergesAsync(workspace, null, 10, Token));
        Assert.Equal((1L, 1L, 2L, false), (merge.Id, merge.WinnerId, merge.LoserId, merge.ByHand));

        var accepted = await store.AcceptMergeSuggestionAsync(workspace, suggestion.Id, "migrated", Token);
        Assert.Equal((2L, 1L, 3L), (accepted.Id, accepted.WinnerId, accepted.LoserId));
        Assert.Equal(["anonymous:laptop", "email:ada@analytical.io", "user:1", "user:2"],
            (await store.FindMemberAsync(workspace, Identity.Parse("user:2"), Token))!.Identities);
    }

    private static void Write(DbConnection connection, string dialect, string schemaMigrations)
    {
        using var transaction = connection.BeginTransaction();
        Run(connection, schemaMigrations);
        foreach (var (version, name) in SchemaMigrations.List(dialect).Where(migration => migration.Version <= 5))
        {
            Run(connection, SchemaMigrations.Read(dialect, name));
            Run(connection, $"INSERT INTO schema_migrations VALUES ({version}, '{name}', TIMESTAMP '2026-03-01 00:00:00')");
        }

        foreach (var row in Rows)
        {
            Run(connection, row);
        }

        transaction.Commit();
    }

    private static void Run(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
