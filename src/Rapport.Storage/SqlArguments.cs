using System.Globalization;

namespace Rapport.Storage;

/// <summary>
/// The parameters of one statement, numbered as they are added: <c>Add(value)</c> returns its placeholder
/// (<c>$3</c>), so a statement assembled from parts passes exactly the parameters it names.
/// </summary>
internal sealed class SqlArguments
{
    private readonly List<object?> _values = [];

    public SqlArguments(params object?[] first) => _values.AddRange(first);

    public string Add(object? value)
    {
        _values.Add(value);
        return "$" + _values.Count.ToString(CultureInfo.InvariantCulture);
    }

    public object?[] ToArray() => [.. _values];

    /// <summary>A number as an SQL literal of type double, the same on both dialects.</summary>
    public static string Double(double value) =>
        $"CAST({value.ToString("R", CultureInfo.InvariantCulture)} AS FLOAT8)";
}
