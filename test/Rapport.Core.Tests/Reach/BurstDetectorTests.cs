using Rapport.Core.Reach;

namespace Rapport.Core.Tests.Reach;

public sealed class BurstDetectorTests
{
    private static readonly DateTime Start = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_eleventh_request_within_ten_seconds_is_a_burst_and_a_slower_client_never_is()
    {
        var bursts = new BurstDetector();

        var fast = Enumerable.Range(0, 12).Select(i => bursts.IsBurst("10.0.0.1 curl", Start.AddMilliseconds(500 * i))).ToList();
        var slow = Enumerable.Range(0, 30).Select(i => bursts.IsBurst("10.0.0.2 firefox", Start.AddSeconds(1.1 * i))).ToList();

        Assert.Equal([false, false, false, false, false, false, false, false, false, false, true, true], fast);
        Assert.All(slow, Assert.False);
    }

    [Fact]
    public void A_client_calms_down_once_the_window_has_passed()
    {
        var bursts = new BurstDetector(maxRequests: 2, window: TimeSpan.FromSeconds(10));

        Assert.False(bursts.IsBurst("a", Start));
        Assert.False(bursts.IsBurst("a", Start.AddSeconds(1)));
        Assert.True(bursts.IsBurst("a", Start.AddSeconds(2)));
        Assert.False(bursts.IsBurst("a", Start.AddSeconds(12)));
        bursts.Forget(Start.AddMinutes(5));
        Assert.False(bursts.IsBurst("a", Start.AddMinutes(5)));
    }
}
