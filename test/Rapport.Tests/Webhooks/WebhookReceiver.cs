using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Rapport.Tests.Webhooks;

/// <summary>
/// A real HTTP receiver on 127.0.0.1 (Kestrel) for webhook deliveries: it keeps every request's headers and raw body
/// and answers with the status codes it is told, in order (then 200), optionally after a delay.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _answers = new();
    private readonly ConcurrentQueue<ReceivedDelivery> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private int _started;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>How long the receiver waits before answering.</summary>
    public TimeSpan Delay { get; set; }

    public IReadOnlyList<ReceivedDelivery> Received => [.. _received];

    /// <summary>Requests that have arrived, including those still waiting out <see cref="Delay"/>.</summary>
    public int Started => Volatile.Read(ref _started);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", receiver.ReceiveAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return receiver;
    }

    public string Url(string path = "hook") => $"{_app.Urls.Single().TrimEnd('/')}/{path}";

    /// <summary>The next requests are answered with these status codes, one each.</summary>
    public void AnswerWith(params int[] statusCodes)
    {
        foreach (var code in statusCodes)
        {
            _answers.Enqueue(code);
        }
    }

    /// <summary>Waits until <paramref name="count"/> requests have arrived in all (real time, at most 30 s).</summary>
    public async Task WaitForAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (_received.Count < count)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"the receiver got {_received.Count} of {count} deliveries within 30 s");
            }

            await _arrived.WaitAsync(left, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        Interlocked.Increment(ref _started);
        var headers = context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        if (Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The sender gave up waiting: what it timed out on is still recorded below.
            }
        }

        _received.Enqueue(new ReceivedDelivery(context.Request.Path, headers, body.ToArray()));
        _arrived.Release();
        context.Response.StatusCode = _answers.TryDequeue(out var code) ? code : StatusCodes.Status200OK;
        if (context.Response.StatusCode >= 400 && !context.RequestAborted.IsCancellationRequested)
        {
            await context.Response.WriteAsync("receiver says no\nsecond line", context.RequestAborted);
        }
    }
}
