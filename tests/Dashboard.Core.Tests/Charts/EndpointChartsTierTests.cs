using Dashboard.Core.Baselines;
using Dashboard.Core.Charts;
using Dashboard.Core.Fleet;
using Dashboard.Core.Metrics;
using Dashboard.Core.SageMaker;
using Dashboard.Tests.Shared;
using static Dashboard.Core.Tests.Charts.ChartTestData;
using M = Dashboard.Core.Metrics.SageMakerMetrics;

namespace Dashboard.Core.Tests.Charts;

/// <summary>Long ranges read a rolled-up tier for everything on the page (lines, bands, red marks); short ones the minutes.</summary>
public sealed class EndpointChartsTierTests
{
    // Invocations alternate 0 and 10 a minute: no quarter-hour or hourly mean is 0 or 10, every minute is.
    private static readonly long To = At(30, 0);
    private static readonly BaselineOptions Baseline = new() { LookbackDays = 1, K = 3, MinSamples = 10 };

    private readonly InMemoryMetricQueries _queries = new();
    private readonly EndpointCharts _charts;

    public EndpointChartsTierTests()
    {
        _charts = new EndpointCharts(_queries, Baseline, driftThreshold: 0.1);
        var from = To - 32 * Day;
        _queries.Add(Key(M.Invocations, "churn", "Sum"), Minutes(from, To, t => t / Minute % 2 == 0 ? 0 : 10));
        _queries.Add(Key(M.Invocation4XXErrors, "churn", "Sum"), Minutes(from, To, 0));
        _queries.Add(Key(M.Invocation5XXErrors, "churn", "Sum"), Minutes(from, To, 0));
    }

    [Fact]
    public async Task LoadAsync_ThirtyDaysAt1500Points_DrawsAndJudgesTheQuarterHourMeans()
    {
        var request = new ChartRequest(To - 30 * Day, To, Compare: ComparePeriod.PreviousDay);
        var line = await InvocationsAsync(request);

        Assert.Equal(Rollups.QuarterHour, EndpointCharts.StepOf(request));
        Assert.Equal(1500, line.Lines[0].Points.Count);
        // 15 minutes hold 8 zeros and 7 tens, or the other way round.
        Assert.All(line.Lines[0].Points, p => Assert.True(Math.Abs(p.Value - 5) < 0.34 && p.Value != 5, $"{p.Value} at {p.Time}"));
        Assert.All(line.Lines[0].Points, p => Assert.Equal(0, p.Time % Rollups.QuarterHour));
        Assert.All(line.Previous[0].Points, p => Assert.True(Math.Abs(p.Value - 5) < 0.34));
        // The band is learned from the same means: its median is near 5, never a minute's 0 or 10.
        Assert.All(line.Bands[0].Bands, b => Assert.InRange(b.Median, 4.6, 5.4));
        Assert.Contains("15-minute means", EndpointCharts.RuleFor(request).Describe());
    }

    [Fact]
    public void StepOf_ThirtyDaysOfWhichTwoAreStored_IsTheMinutesTwoDaysFill() =>
        Assert.Equal(Rollups.Minute, EndpointCharts.StepOf(new ChartRequest(To - 30 * Day, To, StoredFrom: To - 2 * Day)));

    [Fact]
    public async Task LoadAsync_ThirtyDaysOnANarrowChart_DrawsTheHourlyMeans()
    {
        var line = await InvocationsAsync(new ChartRequest(To - 30 * Day, To, MaxPoints: 700));

        Assert.Equal(700, line.Lines[0].Points.Count);
        Assert.All(line.Lines[0].Points, p => Assert.Equal(5, p.Value));
    }

    [Fact]
    public async Task LoadAsync_OneDay_DrawsTheMinutes()
    {
        var request = new ChartRequest(To - Day, To);
        var line = await InvocationsAsync(request);

        Assert.Equal(Rollups.Minute, EndpointCharts.StepOf(request));
        Assert.Equal(1440, line.Lines[0].Points.Count);
        Assert.All(line.Lines[0].Points, p => Assert.True(p.Value is 0 or 10));
        Assert.DoesNotContain("means", EndpointCharts.RuleFor(request).Describe());
    }

    [Fact]
    public async Task LoadAsync_TwentyMinuteSurgeOnAThirtyDayView_IsMarkedAtTheTiersResolution()
    {
        var surge = At(27, 10, 30);
        // 100 calls a minute every day; for 20 minutes 400: the quarter-hour 10:30 is wholly inside, 10:45 a third.
        _queries.Add(Key(M.Invocations, "surge", "Sum"), Minutes(To - 32 * Day, To, t => t >= surge && t < surge + 20 * Minute ? 400 : 100));
        _queries.Add(Key(M.Invocation4XXErrors, "surge", "Sum"), Minutes(To - 32 * Day, To, 0));
        _queries.Add(Key(M.Invocation5XXErrors, "surge", "Sum"), Minutes(To - 32 * Day, To, 0));

        var line = await InvocationsAsync(new ChartRequest(To - 30 * Day, To), "surge");

        Assert.Equal([(surge, 400.0), (surge + 15 * Minute, 200.0)], line.Outliers.Select(p => (p.Time, p.Value)));
    }

    private async Task<PanelData> InvocationsAsync(ChartRequest request, string name = "churn")
    {
        var endpoint = new EndpointState(name, $"arn:aws:sagemaker:eu-west-1:123456789012:endpoint/{name}", EndpointStatuses.InService, $"{name}-config",
            DateTimeOffset.FromUnixTimeSeconds(At(1, 0)), DateTimeOffset.FromUnixTimeSeconds(At(1, 0)), null,
            [new VariantState("AllTraffic", "ml.m5.xlarge", 1, 1, 1, 1)], DateTimeOffset.FromUnixTimeSeconds(To));
        var panels = await _charts.LoadAsync(endpoint, request, TestContext.Current.CancellationToken);
        return panels.Single(p => p.Spec.Id == "invocations");
    }
}
