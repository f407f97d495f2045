using Dashboard.Core.Comparison;

namespace Dashboard.Core.Tests.Comparison;

public class WeightedMedianTests
{
    [Fact]
    public void Of_EqualWeights_IsTheLowerMedian()
    {
        Assert.Equal(2, WeightedMedian.Of([(4, 1), (1, 1), (3, 1), (2, 1)]));
    }

    [Fact]
    public void Of_OneBusyMinute_OutweighsManyQuietOnes()
    {
        // Three quiet minutes at 100 ms (30 requests) against one busy minute at 20 ms (1,000 requests).
        Assert.Equal(20, WeightedMedian.Of([(100, 10), (100, 10), (100, 10), (20, 1000)]));
    }

    [Fact]
    public void Of_NothingWeighted_IsNull()
    {
        Assert.Null(WeightedMedian.Of([]));
        Assert.Null(WeightedMedian.Of([(5, 0), (double.NaN, 10)]));
    }
}
