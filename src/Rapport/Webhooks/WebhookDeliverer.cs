using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Rapport.Connectors.Outbound;
using Rapport.Core.Webhooks;
using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Webhooks;

/// <summary>
/// Sends due webhook deliveries: claims one at a time from the store (so workers in any number of processes share
/// the work without sending anything twice), posts the signed body, and records the attempt with its retry or
/// final status. The same code serves <c>rapport serve</c>'s background service, <c>rapport webhooks deliver</c>
/// and <c>webhooks test</c>.
/// </summary>
internal sealed class WebhookDeliverer(
    IRapportStore store, HttpClient http, TimeProvider clock, WebhookDeliveryOptions options, ILogger logger, Func<double>? jitter = null)
{
    private readonly Func<double> _jitter = jitter ?? Random.Shared.NextDouble;

    /// <summary>
    /// A client for receivers: no redirects (a 3xx is a failed attempt, so a receiver cannot bounce deliveries to
    /// another address), no time limit of its own (each attempt has <see cref="WebhookDeliveryOptions.Timeout"/>), and
    /// connections to public addresses only unless <paramref name="allowPrivateNetwork"/> (<see cref="OutboundUrls"/>).
    /// </summary>
    public static HttpClient CreateHttpClient(bool allowPrivateNetwork)
    {
        var handler = OutboundUrls.CreateHandler(allowPrivateNetwork);
        handler.AllowAutoRedirect = false;
        handler.PooledConnectionLifetime = TimeSpan.FromMinutes(5);
        var client = new HttpClient(handler)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(WebhookHeaders.UserAgent);
        return client;
    }

    /// <summary>Sends every delivery that is due now (first attempts and retries whose time has come), several at once.</summary>
    public async Task<WebhookPassSummary> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Workers)).Select(_ => Task.Run(async () =>
        {
            var statuses = new List<WebhookDeliveryStatus>();
            while (!cancellationToken.IsCancellationRequested
                   && await store.ClaimWebhookDeliveriesAsync(1, options.Lease, cancellationToken).ConfigureAwait(false) is [var delivery])
            {
                statuses.Add((await SendAsync(delivery, cancellationToken).ConfigureAwait(false)).Status);
            }

            return statuses;
        }, cancellationToken))).ConfigureAwait(false);
        var all = results.SelectMany(statuses => statuses).ToList();
        return new WebhookPassSummary(
            all.Count(status => status == WebhookDeliveryStatus.Delivered),
            all.Count(status => status == WebhookDeliveryStatus.Pending),
            all.Count(status => status == WebhookDeliveryStatus.Failed));
    }

    /// <summary>Sends one delivery now if it is due (a test's ping); <c>null</c> when another worker has it or it is not due.</summary>
    public async Task<(WebhookAttempt Attempt, WebhookDeliveryStatus Status)?> DeliverNowAsync(
        Workspace workspace, Guid deliveryId, CancellationToken cancellationToken) =>
        await store.ClaimWebhookDeliveryAsync(workspace, deliveryId, options.Lease, cancellationToken).ConfigureAwait(false) is { } delivery
            ? await SendAsync(delivery, cancellationToken).ConfigureAwait(false)
            : null;

    private async Task<(WebhookAttempt Attempt, WebhookDeliveryStatus Status)> SendAsync(DueWebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var body = WebhookBody.For(delivery);
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(WebhookBody.ContentType);
        request.Headers.Add(WebhookHeaders.Event, delivery.Event);
        request.Headers.Add(WebhookHeaders.Delivery, delivery.DeliveryId.ToString());
        request.Headers.Add(WebhookHeaders.Signature, WebhookSignature.Compute(delivery.Secret, body));

        var startedAt = clock.GetUtcNow().UtcDateTime;
        var elapsed = Stopwatch.StartNew();
        int? statusCode = null;
        string? error = null;
        using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            attempt.CancelAfter(options.Timeout);
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token).ConfigureAwait(false);
                statusCode = (int)response.StatusCode;
                if (!response.IsSuccessStatusCode)
                {
                    error = $"HTTP {statusCode} {response.ReasonPhrase}: {await ReadStartAsync(response, attempt.Token).ConfigureAwait(false)}".TrimEnd(' ', ':');
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                error = $"no answer within {options.Timeout.TotalSeconds:0.###} s";
            }
            catch (HttpRequestException e)
            {
                error = e.InnerException is { } inner && !e.Message.Contains(inner.Message, StringComparison.Ordinal)
                    ? $"{e.Message} ({inner.Message})"
                    : e.Message;
            }
        }

        var made = new WebhookAttempt(delivery.AttemptsBefore + 1, startedAt, elapsed.ElapsedMilliseconds, statusCode, error);
        var (status, nextAttemptAt) = options.Retry.After(made.Number, made.Succeeded, clock.GetUtcNow().UtcDateTime, _jitter());
        if (!made.Succeeded)
        {
            logger.AttemptFailed(delivery.DeliveryId, delivery.Event, delivery.SubscriptionId, made.Number, error);
        }

        // Not cancelled with the pass: the request went out, and an attempt that is not recorded would be sent again.
        await store.RecordWebhookAttemptAsync(delivery, made, status, nextAttemptAt, CancellationToken.None).ConfigureAwait(false);
        return (made, status);
    }

    /// <summary>The first 200 characters of an error answer, on one line: enough to say what the receiver did not like.</summary>
    private static async Task<string> ReadStartAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = new byte[800];
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var read = 0;
        while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false) is > 0 and var count)
        {
            read += count;
        }

        var text = string.Join(' ', Encoding.UTF8.GetString(buffer, 0, read).Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return text.Length <= 200 ? text : text[..200] + "…";
    }
}
