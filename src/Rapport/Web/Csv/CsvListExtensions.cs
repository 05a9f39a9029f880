namespace Rapport.Web.Csv;

/// <summary>Lets a list endpoint answer CSV as well as JSON (see <see cref="CsvListFilter"/>).</summary>
internal static class CsvListExtensions
{
    public static RouteHandlerBuilder WithCsvExport(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<CsvListFilter>().WithMetadata(new CsvListMetadata());
}
