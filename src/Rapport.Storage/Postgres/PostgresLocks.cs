namespace Rapport.Storage.Postgres;

/// <summary>
/// The advisory locks Rapport takes, as PostgreSQL's two-key form: a namespace, then what is locked. One writer per
/// workspace at a time across every process sharing the database; migrations one process at a time.
/// </summary>
internal static class PostgresLocks
{
    /// <summary>The first key of the migration lock: "Rapp" in ASCII, unlikely to collide with another application.</summary>
    public const int Namespace = 0x52617070;

    /// <summary>The second key of the migration lock; workspace ids start at 1.</summary>
    public const int Migrations = 0;

    /// <summary>The first key of a workspace's ingest lock (the second is the workspace id): held by its ingest sessions and journey map changes.</summary>
    public const int Ingest = Namespace + 1;

    /// <summary>The first key of a workspace's API key lock, which numbers new keys.</summary>
    public const int ApiKeys = Namespace + 2;
}
