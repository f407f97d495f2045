using Dashboard.Core.Drift;
using Dashboard.Core.Drift.Distances;
using Dashboard.Core.Drift.Summaries;
using Dashboard.Core.Metrics;
using Dashboard.Core.Retraining;

namespace Dashboard.Core.Tests.Retraining;

public sealed class DriftRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 30, 0, TimeSpan.Zero);

    /// <summary>A feature whose hourly scores, oldest first, end at the hour before <see cref="Now"/>.</summary>
    private static FeatureDriftRow Row(string feature, params double[] scores)
    {
        var lastHour = Now.ToUnixTimeSeconds() / 3600 * 3600 - 3600;
        var points = scores.Select((s, i) => new MetricPoint(lastHour - (scores.Length - 1 - i) * 3600, s)).ToList();
        return new FeatureDriftRow(feature, false, FeatureType.Numeric, new DriftSetting(DriftMethod.Wasserstein, 0.2), scores.Length == 0 ? null : scores[^1],
            points, 0, 0, 0, null);
    }

    [Fact]
    public void Finding_OverThresholdEveryHourForSixHours_NamesTheFeature()
    {
        var finding = DriftRule.Finding([Row("age", 0.1, 0.1), Row("income", 0.1, 0.25, 0.3, 0.31, 0.35, 0.4, 0.43)], Now, 6);

        Assert.Equal("income: drift 0.430 at or over its threshold 0.200 for 6 h", finding);
    }

    [Fact]
    public void Finding_OneHourBelowWithinTheSix_IsNull()
    {
        Assert.Null(DriftRule.Finding([Row("income", 0.25, 0.3, 0.19, 0.35, 0.4, 0.43)], Now, 6));
    }

    [Fact]
    public void Finding_FewerHoursThanTheRuleAsks_IsNull()
    {
        Assert.Null(DriftRule.Finding([Row("income", 0.3, 0.35, 0.4, 0.43, 0.5)], Now, 6));
    }

    [Fact]
    public void Finding_ScoresStoppedHoursAgo_IsNull()
    {
        Assert.Null(DriftRule.Finding([Row("income", 0.25, 0.3, 0.31, 0.35, 0.4, 0.43)], Now.AddHours(4), 6));
    }
}
