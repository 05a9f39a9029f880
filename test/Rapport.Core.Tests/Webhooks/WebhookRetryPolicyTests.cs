using Rapport.Core.Webhooks;

namespace Rapport.Core.Tests.Webhooks;

public sealed class WebhookRetryPolicyTests
{
    private static readonly DateTime Now = new(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(1, 60)]
    [InlineData(2, 120)]
    [InlineData(3, 240)]
    [InlineData(8, 7_680)]
    [InlineData(9, 15_360)]
    [InlineData(10, 21_600)]
    [InlineData(40, 21_600)]
    public void Delays_double_from_one_minute_up_to_six_hours_before_jitter(int attempt, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), WebhookRetryPolicy.Default.DelayAfter(attempt, random: 0));
    }

    [Fact]
    public void Jitter_stretches_a_delay_by_up_to_a_quarter_and_delays_still_grow()
    {
        var policy = WebhookRetryPolicy.Default;

        Assert.Equal(TimeSpan.FromSeconds(240 * 1.125), policy.DelayAfter(3, random: 0.5));
        Assert.Equal(TimeSpan.FromSeconds(240 * 1.25), policy.DelayAfter(3, random: 1));
        // The longest second delay (75 s) is shorter than the shortest third (120 s), and so on.
        for (var attempt = 1; attempt < 8; attempt++)
        {
            Assert.True(policy.DelayAfter(attempt, random: 0.9999) < policy.DelayAfter(attempt + 1, random: 0));
        }
    }

    [Fact]
    public void A_failed_attempt_is_retried_until_the_tenth_then_the_delivery_has_failed()
    {
        var policy = WebhookRetryPolicy.Default;

        Assert.Equal((WebhookDeliveryStatus.Pending, Now.AddMinutes(1)), policy.After(1, succeeded: false, Now, random: 0));
        Assert.Equal((WebhookDeliveryStatus.Pending, Now.AddSeconds(15_360)), policy.After(9, succeeded: false, Now, random: 0));
        Assert.Equal((WebhookDeliveryStatus.Failed, (DateTime?)null), policy.After(10, succeeded: false, Now, random: 0));
        Assert.Equal((WebhookDeliveryStatus.Delivered, (DateTime?)null), policy.After(10, succeeded: true, Now, random: 0));
        Assert.Equal((WebhookDeliveryStatus.Delivered, (DateTime?)null), policy.After(1, succeeded: true, Now, random: 0));
    }

    [Fact]
    public void The_default_schedule_spans_about_eight_and_a_half_hours()
    {
        var total = Enumerable.Range(1, WebhookRetryPolicy.Default.MaxAttempts - 1)
            .Aggregate(TimeSpan.Zero, (sum, attempt) => sum + WebhookRetryPolicy.Default.DelayAfter(attempt, random: 0));

        // 1 + 2 + 4 + … + 256 minutes = 511 minutes.
        Assert.Equal(TimeSpan.FromMinutes(511), total);
    }
}
