namespace Rapport.Core.Reach;

/// <summary>
/// Finds bursts: one client (an address and user agent) making more than <see cref="MaxRequests"/> requests within
/// <see cref="Window"/>, faster than anyone reads. A request is part of a burst when, counting it, the client made more
/// than that many in the window before it. Requests must be offered in time order per client. Pure: times come in.
/// </summary>
public sealed class BurstDetector(int maxRequests = BurstDetector.DefaultMaxRequests, TimeSpan? window = null)
{
    public const int DefaultMaxRequests = 10;

    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, Queue<long>> _recent = new(StringComparer.Ordinal);

    public int MaxRequests { get; } = maxRequests;

    public TimeSpan Window { get; } = window ?? DefaultWindow;

    /// <summary>Records a request of <paramref name="client"/> at <paramref name="at"/>; whether it is part of a burst.</summary>
    public bool IsBurst(string client, DateTime at)
    {
        if (!_recent.TryGetValue(client, out var times))
        {
            _recent[client] = times = new Queue<long>();
        }

        var since = at.Ticks - Window.Ticks;
        while (times.Count > 0 && times.Peek() <= since)
        {
            times.Dequeue();
        }

        times.Enqueue(at.Ticks);
        return times.Count > MaxRequests;
    }

    /// <summary>Forgets clients whose last request is older than the window, to keep memory to the active clients.</summary>
    public void Forget(DateTime now)
    {
        var since = now.Ticks - Window.Ticks;
        foreach (var (client, times) in _recent)
        {
            if (times.Count == 0 || times.Last() <= since)
            {
                _recent.Remove(client);
            }
        }
    }
}
