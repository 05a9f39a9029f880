using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Rapport.Core;
using Rapport.Web.Dashboard;
using Rapport.Web.Paging;

namespace Rapport.Web.Csv;

/// <summary>
/// Answers a list endpoint as CSV when the request asks for it (<c>?format=csv</c>, or <c>Accept: text/csv</c>): one
/// row per item, one column per top-level JSON property, nested values as compact JSON. The columns are the JSON
/// answer's own, so the CSV never drifts from it; the cells go through the dashboard's <see cref="CsvFile"/>.
/// </summary>
internal sealed class CsvListFilter : IEndpointFilter
{
    /// <summary>The header that carries a CSV page's <c>next</c> cursor.</summary>
    public const string NextCursorHeader = "X-Next-Cursor";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var wantsCsv = WantsCsv(context.HttpContext.Request);
        var result = await next(context);
        var name = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "list";
        switch (result)
        {
            case IValueHttpResult { Value: IPage page } when wantsCsv:
                // A CSV answer is the page's rows; the cursor of the rest travels in a header since CSV has no envelope.
                if (page.Next is not null)
                {
                    context.HttpContext.Response.Headers[NextCursorHeader] = page.Next;
                }

                return TypedResults.File(Write(page.Rows, page.ItemType), CsvFile.ContentType, $"{name}.csv");
            case IValueHttpResult { Value: IEnumerable items and not string } when wantsCsv:
                return TypedResults.File(Write(items), CsvFile.ContentType, $"{name}.csv");
            default:
                return result;
        }
    }

    /// <summary>Whether the request asks for CSV; a <c>format</c> other than json or csv is a 400.</summary>
    public static bool WantsCsv(HttpRequest request)
    {
        var format = request.Query["format"].ToString();
        return format.ToLowerInvariant() switch
        {
            "csv" => true,
            "json" => false,
            "" => request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase),
            _ => throw new FormatException($"'format' must be json or csv, not '{format}'"),
        };
    }

    public static byte[] Write(IEnumerable items) => Write(items.Cast<object?>(), ItemType(items));

    private static byte[] Write(IEnumerable<object?> items, Type? itemType)
    {
        var rows = items
            .Select(item => JsonSerializer.SerializeToElement(item, item?.GetType() ?? typeof(object), RapportJson.Options))
            .ToList();
        var columns = Columns(itemType, rows);
        return CsvFile.Write(columns, rows.Select(row => (IReadOnlyList<object?>)[.. columns.Select(column => Cell(row, column))]));
    }

    /// <summary>
    /// The item type's JSON properties, in declaration order, so that an empty list still has its header and a
    /// property left out of one item's JSON (a null) keeps its column.
    /// </summary>
    private static IReadOnlyList<string> Columns(Type? itemType, IReadOnlyList<JsonElement> rows)
    {
        if (itemType is not null && RapportJson.Options.GetTypeInfo(itemType) is { Kind: JsonTypeInfoKind.Object } info)
        {
            return [.. info.Properties.Select(property => property.Name)];
        }

        return [.. rows.Where(row => row.ValueKind == JsonValueKind.Object)
            .SelectMany(row => row.EnumerateObject().Select(property => property.Name))
            .Distinct(StringComparer.Ordinal)];
    }

    private static Type? ItemType(IEnumerable items) =>
        items.GetType().GetInterfaces().Append(items.GetType())
            .FirstOrDefault(type => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ?.GetGenericArguments()[0];

    private static object? Cell(JsonElement row, string column) =>
        row.ValueKind == JsonValueKind.Object && row.TryGetProperty(column, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                JsonValueKind.String => value.GetString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => value.GetRawText(),
            }
            : null;
}
