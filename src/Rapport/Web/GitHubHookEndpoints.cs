using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Rapport.Connectors.GitHub;
using Rapport.Connectors.Segment;
using Rapport.Core.Users;
using Rapport.Storage;
using Rapport.Web.Access;

namespace Rapport.Web;

/// <summary>
/// <c>POST /hooks/github/{workspace}</c>: GitHub webhook deliveries, signed with the workspace's secret
/// (<c>rapport hooks github secret</c>), stored through the group-commit queue and answered 200 once committed.
/// </summary>
internal static class GitHubHookEndpoints
{
    public const string Source = GitHubEventMapper.Source;

    /// <summary>GitHub caps a delivery at 25 MB and sends nothing larger, so no real delivery is refused.</summary>
    public const int MaxBodyBytes = 25 * 1024 * 1024;

    public static void MapGitHubHookEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/hooks/github/{workspace}", ReceiveAsync).WithTags("Ingest")
            .WithName("GitHubWebhook")
            .WithSummary("Receive a signed GitHub webhook delivery for a workspace.")
            .RequiresAccess(RouteAccess.Signed);
        app.MapPut("/api/v1/hooks/github/secret", SetSecretAsync)
            .WithName("SetGitHubWebhookSecret")
            .WithSummary("Sets the workspace's GitHub webhook secret, the one given or a new random one answered only here.")
            .RequiresAccess(RouteAccess.Owner);
    }

    /// <summary>
    /// As <c>rapport hooks github secret</c>: stores the secret given, or generates one and answers it once. No endpoint
    /// answers a stored secret; a lost one is replaced, here and in the webhook's settings on GitHub.
    /// </summary>
    private static async Task<Ok<GitHubWebhookSecret>> SetSecretAsync(
        HttpContext context, IRapportStore store, ApiAccess access, [FromBody] GitHubWebhookSecretRequest? request, string? workspace,
        CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Owner, cancellationToken);
        var given = request?.Secret?.Trim();
        if (given is { Length: 0 })
        {
            throw new FormatException("'secret' is empty; leave it out to have a random secret generated");
        }

        var secret = given ?? GitHubWebhookSignature.NewSecret();
        await store.SetWebhookSecretAsync(caller.Workspace, Source, secret, cancellationToken);
        return TypedResults.Ok(new GitHubWebhookSecret(caller.Workspace.Slug, $"/hooks/github/{caller.Workspace.Slug}", given is null ? secret : null));
    }

    private static async Task<Results<Ok<GitHubHookResult>, ProblemHttpResult>> ReceiveAsync(
        string workspace, HttpRequest request, IRapportStore store, IngestQueue queue, TimeProvider clock, CancellationToken cancellationToken)
    {
        var receivedAt = clock.GetUtcNow().UtcDateTime;
        var found = await store.FindWorkspaceAsync(workspace, cancellationToken)
            ?? throw new NotFoundException($"There is no workspace '{workspace}'.");
        var secret = await store.GetWebhookSecretAsync(found, Source, cancellationToken);
        if (secret is null)
        {
            return Problem(StatusCodes.Status401Unauthorized, "Unauthorized",
                $"Workspace '{found.Slug}' has no GitHub webhook secret, so no delivery can be verified; set one with `rapport hooks github secret --workspace {found.Slug}` and enter it in the webhook's settings on GitHub.");
        }

        // An unsigned request is refused before anything else about it is looked at: it cannot be GitHub's.
        if (string.IsNullOrWhiteSpace(request.Headers[GitHubWebhookSignature.Header]))
        {
            return Problem(StatusCodes.Status401Unauthorized, "Unauthorized",
                $"The {GitHubWebhookSignature.Header} header is missing: GitHub signs every delivery with workspace '{found.Slug}''s webhook secret; nothing was stored.");
        }

        var isForm = IsForm(request.ContentType);
        if (!isForm && !IsJson(request.ContentType))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"Content type '{request.ContentType}' is not a GitHub delivery; choose application/json (or application/x-www-form-urlencoded) as the webhook's content type.");
        }

        var gitHubEvent = request.Headers["X-GitHub-Event"].ToString().Trim();
        var delivery = request.Headers["X-GitHub-Delivery"].ToString().Trim();
        if (gitHubEvent.Length == 0 || delivery.Length == 0)
        {
            return Problem(StatusCodes.Status400BadRequest, "Bad request",
                "A GitHub delivery names its event in X-GitHub-Event and its id in X-GitHub-Delivery; this request lacks "
                + (gitHubEvent.Length == 0 ? "X-GitHub-Event" : "X-GitHub-Delivery") + ".");
        }

        RequestBody body;
        try
        {
            body = await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        }
        catch (SegmentPayloadTooLargeException)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Payload too large",
                $"The delivery is over {MaxBodyBytes / 1024 / 1024} MB, more than GitHub ever sends.");
        }

        using (body)
        {
            // The signature covers the body exactly as sent, form encoding included.
            if (!GitHubWebhookSignature.IsValid(request.Headers[GitHubWebhookSignature.Header], body.Memory.Span, secret))
            {
                return Problem(StatusCodes.Status401Unauthorized, "Unauthorized",
                    $"The {GitHubWebhookSignature.Header} header is missing or does not match the body under workspace '{found.Slug}''s GitHub webhook secret; nothing was stored.");
            }

            var payload = isForm ? FormPayload(body.Memory.Span) : body.Memory;
            var mapping = GitHubEventMapper.Map(new GitHubDelivery(gitHubEvent, delivery, payload, receivedAt));
            if (mapping.Messages.Count > 0)
            {
                await queue.EnqueueAsync(found, mapping.Messages, cancellationToken);
            }

            return TypedResults.Ok(new GitHubHookResult(gitHubEvent, delivery, mapping.Messages.Count, mapping.IsIgnored, mapping.IgnoredReason));
        }
    }

    /// <summary>GitHub's form encoding: the JSON in one <c>payload</c> field.</summary>
    private static byte[] FormPayload(ReadOnlySpan<byte> body)
    {
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        return form.TryGetValue("payload", out var payload) && payload.Count == 1
            ? Encoding.UTF8.GetBytes(payload.ToString())
            : throw new FormatException("a form-encoded GitHub delivery carries its JSON in one 'payload' field, and this one has none");
    }

    private static bool IsJson(string? contentType) =>
        string.IsNullOrWhiteSpace(contentType) || MediaType(contentType).Equals("application/json", StringComparison.OrdinalIgnoreCase);

    private static bool IsForm(string? contentType) =>
        contentType is not null && MediaType(contentType).Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    private static string MediaType(string contentType) => contentType.Split(';', 2)[0].Trim();

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title);
}
