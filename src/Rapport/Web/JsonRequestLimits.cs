using Microsoft.AspNetCore.Http.Features;

namespace Rapport.Web;

/// <summary>
/// Limits on the JSON bodies the API reads, so that one request cannot make the server buffer or recurse without
/// end: bodies sent as JSON are refused past <see cref="MaxBytes"/> (413) and documents nested deeper than
/// <see cref="MaxDepth"/> (400), both as problem details, before any handler runs. The Segment tracking API reads its
/// bodies itself, with its own limits (docs/http-api.md).
/// </summary>
internal static class JsonRequestLimits
{
    public const long MaxBytes = 1024 * 1024;

    /// <summary>Deeper than any document Rapport accepts (journey maps, lead criteria and ICP rules nest a few levels).</summary>
    public const int MaxDepth = 32;

    public static void UseJsonRequestLimits(this WebApplication app) =>
        app.Use((context, next) =>
        {
            if (context.Request.HasJsonContentType()
                && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit
                && (limit.MaxRequestBodySize ?? long.MaxValue) > MaxBytes)
            {
                limit.MaxRequestBodySize = MaxBytes;
            }

            return next(context);
        });
}
