using Dashboard.Core.Alarms.Editing;
using Dashboard.Core.Alarms;

namespace Dashboard.Core.Tests.Alarms;

public class ThresholdSuggestionTests
{
    [Fact]
    public void From_AboveAlarm_IsP995PlusTenPercentRoundedUpToTwoDigits()
    {
        // 1 … 200: p99.5 interpolates to 199.005; + 10 % is 218.9, rounded up to 220.
        var suggestion = ThresholdSuggestion.From(Enumerable.Range(1, 200).Select(i => (double)i), ComparisonOperator.GreaterThanThreshold)!;

        Assert.Equal("p99.5", suggestion.Percentile);
        Assert.Equal(199.005, suggestion.PercentileValue, 9);
        Assert.Equal(220, suggestion.Threshold);
        Assert.Equal(200, suggestion.Datapoints);
    }

    [Fact]
    public void From_BelowAlarm_IsP05MinusTenPercentRoundedDown()
    {
        var suggestion = ThresholdSuggestion.From(Enumerable.Range(1, 200).Select(i => i * 10.0), ComparisonOperator.LessThanThreshold)!;

        Assert.Equal("p0.5", suggestion.Percentile);
        // p0.5 = 19.95; − 10 % is 17.955, rounded down to 17.
        Assert.Equal(19.95, suggestion.PercentileValue, 9);
        Assert.Equal(17, suggestion.Threshold);
    }

    [Fact]
    public void From_LessThanAnHourOfDatapoints_NoSuggestion()
    {
        Assert.Null(ThresholdSuggestion.From(Enumerable.Repeat(5.0, ThresholdSuggestion.MinDatapoints - 1), ComparisonOperator.GreaterThanThreshold));
    }

    [Fact]
    public void From_NotFiniteValues_AreLeftOut()
    {
        var values = Enumerable.Repeat(400.0, 100).Append(double.NaN).Append(double.PositiveInfinity);

        var suggestion = ThresholdSuggestion.From(values, ComparisonOperator.GreaterThanThreshold)!;

        Assert.Equal((400, 440, 100), (suggestion.PercentileValue, suggestion.Threshold, suggestion.Datapoints));
    }

    [Theory]
    [InlineData(453.2, true, 460)]
    [InlineData(0.01234, true, 0.013)]
    [InlineData(-0.01234, true, -0.012)]
    [InlineData(440, true, 440)]
    [InlineData(17.955, false, 17)]
    [InlineData(0, true, 0)]
    public void Round_TwoSignificantDigitsAwayFromTheData(double value, bool up, double expected)
    {
        Assert.Equal(expected, ThresholdSuggestion.Round(value, up));
    }
}
