using Rapport.Core.Reach;

namespace Rapport.Web;

/// <summary>This process's view of who is clicking tracked links, for burst detection: one detector behind a lock.</summary>
internal sealed class LinkTraffic
{
    private readonly BurstDetector _bursts = new();
    private readonly Lock _lock = new();
    private DateTime _lastForget;

    public bool IsBurst(string client, DateTime at)
    {
        lock (_lock)
        {
            if (at - _lastForget > TimeSpan.FromMinutes(1))
            {
                _bursts.Forget(at);
                _lastForget = at;
            }

            return _bursts.IsBurst(client, at);
        }
    }
}
