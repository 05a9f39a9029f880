using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Rapport.Connectors.Feeds;
using Rapport.Connectors.Segment;
using Rapport.Core.Journey;
using Rapport.Core.Leads;
using Rapport.Storage;

namespace Rapport.Web;

/// <summary>Maps the exceptions a request can cause to RFC 7807 problem details, in one place.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            NotFoundException or IdentityNotFoundException or MergeRecordNotFoundException or MemberNotFoundException =>
                (StatusCodes.Status404NotFound, "Not found"),
            MergeRefusedException or ConflictException or UserExistsException or UserDisabledException => (StatusCodes.Status409Conflict, "Conflict"),
            ForbiddenException => (StatusCodes.Status403Forbidden, "Forbidden"),
            ApiKeyRejectedException => (StatusCodes.Status401Unauthorized, "Unauthorized"),
            SegmentPayloadTooLargeException => (StatusCodes.Status413PayloadTooLarge, "Payload too large"),
            InvalidSegmentMessagesException => (StatusCodes.Status400BadRequest, "Invalid messages"),
            SegmentFormatException or ImportLineException => (StatusCodes.Status400BadRequest, "Bad request"),
            UnsupportedMediaTypeException => (StatusCodes.Status415UnsupportedMediaType, "Unsupported media type"),
            IngestUnavailableException or StoreUnavailableException => (StatusCodes.Status503ServiceUnavailable, "Service unavailable"),
            FeedFetchException => (StatusCodes.Status502BadGateway, "Bad gateway"),
            NotSupportedException => (StatusCodes.Status501NotImplemented, "Not supported"),
            FormatException or ArgumentException or JourneyMapException or LeadCriteriaException or Core.Icps.IcpException or Core.Coverage.CoverageException => (StatusCodes.Status400BadRequest, "Bad request"),
            _ => (0, ""),
        };
        if (status == 0)
        {
            return false;
        }

        var problem = new ProblemDetails { Status = status, Title = title, Detail = exception.Message };
        switch (exception)
        {
            case InvalidSegmentMessagesException invalid:
                problem.Extensions["errors"] = invalid.Errors
                    .Select(error => new { index = error.Index, field = error.Field, detail = error.ToString() })
                    .ToArray();
                break;
            case ApiKeyRejectedException:
                httpContext.Response.Headers.WWWAuthenticate = "Basic realm=\"rapport\"";
                break;
            case LeadCriteriaException { Line: { } line }:
                problem.Extensions["line"] = line;
                break;
            // An upload's name tells the caller nothing: the line and the reason say what to fix.
            case ImportLineException { Line: { } number } bad:
                problem.Detail = $"line {number}: {bad.Reason}";
                problem.Extensions["line"] = number;
                break;
            case ImportLineException bad:
                problem.Detail = bad.Reason;
                break;
            case IngestUnavailableException:
                httpContext.Response.Headers.RetryAfter = "5";
                break;
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = problem,
        });
    }
}
