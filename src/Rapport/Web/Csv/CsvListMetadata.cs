namespace Rapport.Web.Csv;

/// <summary>Marks a list endpoint that also answers CSV, for the OpenAPI document.</summary>
internal sealed record CsvListMetadata;
