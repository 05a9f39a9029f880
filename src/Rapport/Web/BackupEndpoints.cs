using Rapport.Core.ApiKeys;
using Rapport.Storage;
using Rapport.Web.Access;

namespace Rapport.Web;

/// <summary>
/// <c>POST /api/v1/backup</c>: a consistent copy of the whole store, streamed, for <c>rapport backup --server</c>
/// while this server holds the DuckDB file. Needs a key with the admin scope.
/// </summary>
internal static class BackupEndpoints
{
    public static void MapBackupEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/backup", BackupAsync)
            .WithName("Backup")
            .WithSummary("Stream a consistent copy of the DuckDB store.")
            .RequiresAccess(RouteAccess.Owner)
            .Produces<byte[]>(StatusCodes.Status200OK, "application/octet-stream");

    private static async Task BackupAsync(
        HttpContext context, IRapportStore store, WriteKeyAuthenticator keys, TimeProvider clock, CancellationToken cancellationToken)
    {
        await keys.AuthenticateAsync(context.Request, ApiKeyScope.Admin, cancellationToken);
        if (store is Storage.Postgres.PostgresStore)
        {
            throw new NotSupportedException("A PostgreSQL store is backed up with pg_dump; see docs/operations.md#backups.");
        }

        var stamp = clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/octet-stream";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"rapport-{stamp}.duckdb\"";
        await store.BackupAsync(context.Response.Body, cancellationToken);
    }
}
