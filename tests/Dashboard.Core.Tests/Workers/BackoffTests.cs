using Dashboard.Core.Workers;

namespace Dashboard.Core.Tests.Workers;

public sealed class BackoffTests
{
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_cap = TimeSpan.FromMinutes(5);

    [Fact]
    public void NextDelay_NoFailures_IsTheInterval()
    {
        Assert.Equal(s_interval, Backoff.NextDelay(s_interval, 0, s_cap, 0.5));
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(4, 40)]
    public void NextDelay_Failures_DoublesFromFiveSecondsAtFullJitter(int failures, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Backoff.NextDelay(s_interval, failures, s_cap, 1.0));
    }

    [Fact]
    public void NextDelay_ShortInterval_GrowsFromTheInterval()
    {
        Assert.Equal(TimeSpan.FromSeconds(8), Backoff.NextDelay(TimeSpan.FromSeconds(2), 3, s_cap, 1.0));
    }

    [Fact]
    public void NextDelay_ManyFailures_IsCappedWithoutOverflow()
    {
        Assert.Equal(s_cap, Backoff.NextDelay(s_interval, 10, s_cap, 1.0));
        Assert.Equal(s_cap, Backoff.NextDelay(s_interval, int.MaxValue, s_cap, 1.0));
    }

    [Fact]
    public void NextDelay_Jitter_ScalesTheDelayButNeverBelowOneSecond()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), Backoff.NextDelay(s_interval, 3, s_cap, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(1), Backoff.NextDelay(s_interval, 3, s_cap, 0.0));
    }
}
