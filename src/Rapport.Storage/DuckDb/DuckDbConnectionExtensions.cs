using System.Data.Common;
using DuckDB.NET.Data;

namespace Rapport.Storage.DuckDb;

/// <summary>Small conveniences over ADO.NET: positional <c>$1</c> parameters, scalars, and cancellation.</summary>
internal static class DuckDbConnectionExtensions
{
    public static int Execute(this DuckDBConnection connection, string sql, params object?[] parameters)
    {
        using var command = connection.Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static T? Scalar<T>(this DuckDBConnection connection, string sql, params object?[] parameters)
    {
        using var command = connection.Command(sql, parameters);
        var value = command.ExecuteScalar();
        if (value is null or DBNull)
        {
            return default;
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return (T)Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static DuckDBCommand Command(this DuckDBConnection connection, string sql, params object?[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(parameter ?? DBNull.Value));
        }

        return command;
    }

    /// <summary>
    /// Runs a query off the caller's thread (DuckDB.NET has no real async) and cancels the running command when the
    /// token is cancelled.
    /// </summary>
    public static async Task<T> QueryAsync<T>(
        this DuckDBConnection connection, string sql, object?[] parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = connection.Command(sql, parameters);
        await using var registration = cancellationToken.Register(static state => ((DuckDBCommand)state!).Cancel(), command)
            .ConfigureAwait(false);
        try
        {
            return await Task.Run(() =>
            {
                using var reader = command.ExecuteReader();
                return read(reader);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (DuckDBException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    public static DateTime? GetNullableDateTime(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);
}
