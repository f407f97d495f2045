using Dashboard.Core.Baselines;

namespace Dashboard.Core.Tests.Baselines;

public class RobustStatsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(60)]
    [InlineData(301)]
    public void Median_RandomValues_MatchesSortedReference(int count)
    {
        var random = new Random(count);
        for (var round = 0; round < 20; round++)
        {
            // Rounded values so duplicates (the hard case for quickselect) are common.
            var values = Enumerable.Range(0, count).Select(_ => Math.Round(random.NextDouble() * 10)).ToArray();
            var sorted = values.Order().ToArray();
            var expected = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;

            Assert.Equal(expected, RobustStats.Median(values, count));
        }
    }

    [Fact]
    public void Median_SortedAndConstantInput_Works()
    {
        Assert.Equal(50.5, RobustStats.Median(Enumerable.Range(1, 100).Select(i => (double)i).ToArray(), 100));
        Assert.Equal(4, RobustStats.Median(Enumerable.Repeat(4.0, 33).ToArray(), 33));
    }
}
