using Rapport.Connectors.Segment;
using Rapport.Core.ApiKeys;
using Rapport.Storage;

namespace Rapport.Web;

/// <summary>
/// One request of the Segment HTTP Tracking API, from body to commit: read (size limits, gzip), authenticate,
/// parse every message (all valid or nothing stored), then store through the group-commit queue.
/// </summary>
internal sealed class SegmentIngest(WriteKeyAuthenticator authenticator, IngestQueue queue, TimeProvider clock)
{
    /// <param name="type">The message type the path names (<c>track</c>, …), or <c>null</c> for a batch.</param>
    public async Task IngestAsync(HttpRequest request, string? type, CancellationToken cancellationToken)
    {
        var receivedAt = clock.GetUtcNow().UtcDateTime;

        // A key in the Authorization header is checked before the body is read; one in the body, after.
        var grant = WriteKeyAuthenticator.HasBasicCredentials(request)
            ? await authenticator.AuthenticateAsync(request, bodyWriteKey: null, ApiKeyScope.Ingest, cancellationToken)
            : null;
        using var body = await RequestBody.ReadAsync(request, SegmentApiRequest.MaxRequestBytes, cancellationToken);
        var segment = type is null ? SegmentApiRequest.ReadBatch(body.Memory) : SegmentApiRequest.ReadMessage(body.Memory, type);
        grant ??= await authenticator.AuthenticateAsync(request, segment.WriteKey, ApiKeyScope.Ingest, cancellationToken);
        var messages = segment.Parse(receivedAt);
        if (messages.Count > 0)
        {
            await queue.EnqueueAsync(grant.Workspace, messages, cancellationToken);
        }
    }
}
