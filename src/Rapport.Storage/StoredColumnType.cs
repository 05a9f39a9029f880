namespace Rapport.Storage;

/// <summary>The kinds of value the stored tables hold, so that each backend reads and writes them with its own types.</summary>
internal enum StoredColumnType
{
    Bigint,
    Double,
    Text,
    Json,
    Timestamp,
    Uuid,
    Integer,
    Boolean,
    Date,
}
