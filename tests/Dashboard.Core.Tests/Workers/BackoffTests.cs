using Dashboard.Core.Workers;

namespace Dashboard.Core.Tests.Workers;

public sealed class BackoffTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Cap = TimeSpan.FromMinutes(5);

    [Fact]
    public void NextDelay_NoFailures_IsTheInterval()
    {
        Assert.Equal(Interval, Backoff.NextDelay(Interval, 0, Cap, 0.5));
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(4, 40)]
    public void NextDelay_Failures_DoublesFromFiveSecondsAtFullJitter(int failures, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Backoff.NextDelay(Interval, failures, Cap, 1.0));
    }

    [Fact]
    public void NextDelay_ShortInterval_GrowsFromTheInterval()
    {
        Assert.Equal(TimeSpan.FromSeconds(8), Backoff.NextDelay(TimeSpan.FromSeconds(2), 3, Cap, 1.0));
    }

    [Fact]
    public void NextDelay_ManyFailures_IsCappedWithoutOverflow()
    {
        Assert.Equal(Cap, Backoff.NextDelay(Interval, 10, Cap, 1.0));
        Assert.Equal(Cap, Backoff.NextDelay(Interval, int.MaxValue, Cap, 1.0));
    }

    [Fact]
    public void NextDelay_Jitter_ScalesTheDelayButNeverBelowOneSecond()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), Backoff.NextDelay(Interval, 3, Cap, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(1), Backoff.NextDelay(Interval, 3, Cap, 0.0));
    }
}
