using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;
using Rapport.Web.Access;

namespace Rapport.Web.Dashboard;

/// <summary>
/// The dashboard's stylesheet and script, embedded in the executable (no build step, nothing to deploy beside it)
/// and served with a content hash as their ETag.
/// </summary>
internal static class AssetEndpoints
{
    private static readonly FrozenDictionary<string, (byte[] Content, string ContentType, string ETag)> Assets = Load();

    public static void MapAssetEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/assets/{name}", (string name, HttpContext context) =>
        {
            if (!Assets.TryGetValue(name, out var asset))
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "public, max-age=3600";
            context.Response.Headers.ETag = asset.ETag;
            return context.Request.Headers.IfNoneMatch == asset.ETag
                ? Results.StatusCode(StatusCodes.Status304NotModified)
                : Results.Bytes(asset.Content, asset.ContentType);
        })
        .WithName("GetAsset")
        .RequiresAccess(RouteAccess.Public)
        .ExcludeFromDescription();

    /// <summary>The asset's URL with its version, so a new release's stylesheet is never taken from a cache.</summary>
    public static string Url(string name) => $"/assets/{name}?v={Assets[name].ETag.Trim('"')[..8]}";

    private static FrozenDictionary<string, (byte[], string, string)> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var assets = new Dictionary<string, (byte[], string, string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(name => name.StartsWith("Assets.", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var name = resource["Assets.".Length..];
            var type = Path.GetExtension(name) switch
            {
                ".css" => "text/css; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".svg" => "image/svg+xml",
                _ => "application/octet-stream",
            };
            assets[name] = (content, type, new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"").ToString());
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
