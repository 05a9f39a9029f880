using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Rapport.Storage.Postgres;

/// <summary>Small conveniences over Npgsql: positional <c>$1</c> parameters, scalars, typed parameters, UTC times.</summary>
internal static class PostgresConnectionExtensions
{
    public static int Execute(this NpgsqlConnection connection, string sql, params object?[] parameters)
    {
        using var command = connection.Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static T? Scalar<T>(this NpgsqlConnection connection, string sql, params object?[] parameters)
    {
        using var command = connection.Command(sql, parameters);
        return Convert<T>(command.ExecuteScalar());
    }

    public static async Task<int> ExecuteAsync(
        this NpgsqlConnection connection, string sql, object?[] parameters, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<T?> ScalarAsync<T>(
        this NpgsqlConnection connection, string sql, object?[] parameters, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(sql, parameters);
        return Convert<T>(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
    }

    public static async Task<T> QueryAsync<T>(
        this NpgsqlConnection connection, string sql, object?[] parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return read(reader);
    }

    /// <summary>A command with positional parameters; an <see cref="NpgsqlParameter"/> is used as it is, so arrays can say their type.</summary>
    public static NpgsqlCommand Command(this NpgsqlConnection connection, string sql, params object?[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter switch
            {
                NpgsqlParameter typed => typed,
                DateTime time => new NpgsqlParameter { Value = AsUtc(time), NpgsqlDbType = NpgsqlDbType.TimestampTz },
                _ => new NpgsqlParameter { Value = parameter ?? DBNull.Value },
            });
        }

        return command;
    }

    public static NpgsqlParameter<T> Typed<T>(T value, NpgsqlDbType type) => new() { TypedValue = value, NpgsqlDbType = type };

    /// <summary>
    /// Times are stored as <c>timestamptz</c>, which Npgsql writes only from UTC: a time of unspecified kind is taken
    /// to be UTC already (as DuckDB's <c>TIMESTAMP</c> does), a local one is converted.
    /// </summary>
    public static DateTime AsUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };

    public static DateTime? AsUtc(DateTime? time) => time is { } value ? AsUtc(value) : null;

    public static DateTime? GetNullableUtc(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTime.SpecifyKind(reader.GetFieldValue<DateTime>(ordinal), DateTimeKind.Utc);

    private static T? Convert<T>(object? value)
    {
        if (value is null or DBNull)
        {
            return default;
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return (T)System.Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture);
    }
}
