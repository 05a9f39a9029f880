using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Rapport.Configuration;

namespace Rapport.Web.Access;

/// <summary>
/// ASP.NET Core's rate limiter on the two doors worth hammering: sign-in (per client address) and the Segment tracking
/// API (per client address). A refusal is 429 problem details with <c>Retry-After</c>.
/// </summary>
internal static class RateLimits
{
    public static IServiceCollection AddRapportRateLimits(this IServiceCollection services, SecuritySettings settings) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                var path = context.Request.Path;
                if (HttpMethods.IsPost(context.Request.Method) && path.StartsWithSegments("/signin"))
                {
                    return RateLimitPartition.GetFixedWindowLimiter($"signin:{client}", _ => Window(settings.SignInPermitsPerMinute));
                }

                if (settings.IngestPermitsPerMinute > 0 && path.StartsWithSegments("/v1"))
                {
                    return RateLimitPartition.GetFixedWindowLimiter($"ingest:{client}", _ => Window(settings.IngestPermitsPerMinute));
                }

                return RateLimitPartition.GetNoLimiter("");
            });
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : 60;
                var response = rejected.HttpContext.Response;
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = rejected.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = $"This client sent more requests than allowed; try again in {seconds} seconds.",
                    },
                });
            };
        });

    private static FixedWindowRateLimiterOptions Window(int permitsPerMinute) => new()
    {
        PermitLimit = permitsPerMinute,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };
}
