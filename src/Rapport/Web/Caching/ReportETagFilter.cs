using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;
using Rapport.Storage;

namespace Rapport.Web.Caching;

/// <summary>
/// Gives a report a weak ETag: a hash of the store's change marker (read before the report is computed, so a write
/// that lands meanwhile changes the next tag), the workspace, the URL and the Accept header (a CSV answer is another representation). A request whose <c>If-None-Match</c> holds
/// the current tag gets a 304 without the report being computed again.
/// </summary>
internal sealed class ReportETagFilter(IRapportStore store, WorkspaceResolver workspaces) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var cancellationToken = http.RequestAborted;
        var marker = await store.GetChangeMarkerAsync(cancellationToken);
        var workspace = await workspaces.ResolveAsync(http.Request.Query["workspace"], cancellationToken);
        var tag = ETagOf(marker, workspace.Slug, $"{http.Request.Path}{http.Request.QueryString}", http.Request.Headers.Accept.ToString());

        http.Response.Headers.CacheControl = "private, no-cache";
        http.Response.Headers.ETag = tag.ToString();
        if (EntityTagHeaderValue.TryParseList(http.Request.Headers.IfNoneMatch, out var wanted)
            && wanted.Any(candidate => candidate.Tag == "*" || candidate.Compare(tag, useStrongComparison: false)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var result = await next(context);
        if (http.Response.StatusCode >= 400 || result is IStatusCodeHttpResult { StatusCode: >= 400 })
        {
            http.Response.Headers.Remove(HeaderNames.ETag);
        }

        return result;
    }

    private static EntityTagHeaderValue ETagOf(string marker, string workspace, string url, string accept)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{marker}\n{workspace}\n{url}\n{accept}"));
        return new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(hash.AsSpan(0, 12))}\"", isWeak: true);
    }
}
