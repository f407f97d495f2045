using Dashboard.Core.Baselines;
using Dashboard.Core.Charts;
using Dashboard.Core.Fleet;
using Dashboard.Core.Metrics;
using Dashboard.Core.SageMaker;
using Dashboard.Tests.Shared;
using static Dashboard.Core.Tests.Charts.ChartTestData;
using M = Dashboard.Core.Metrics.SageMakerMetrics;

namespace Dashboard.Core.Tests.Charts;

/// <summary>Long ranges draw a rolled-up tier's means; short ones, and every band, still come from the minutes.</summary>
public sealed class EndpointChartsTierTests
{
    // Invocations alternate 0 and 10 a minute: no 5-minute or hourly mean is 0 or 10, every minute is.
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
    public async Task LoadAsync_ThirtyDaysAt1500Points_DrawsTheFiveMinuteMeans()
    {
        var line = await InvocationsAsync(new ChartRequest(To - 30 * Day, To, Compare: ComparePeriod.PreviousDay));

        Assert.Equal(1500, line.Lines[0].Points.Count);
        Assert.All(line.Lines[0].Points, p => Assert.True(p.Value is 4 or 6, $"{p.Value} at {p.Time}"));
        Assert.All(line.Lines[0].Points, p => Assert.Equal(0, p.Time % Rollups.FiveMinutes));
        Assert.All(line.Previous[0].Points, p => Assert.True(p.Value is 4 or 6));
        // The band is still learned from the minutes: its median is a minute's value.
        Assert.All(line.Bands[0].Bands, b => Assert.True(b.Median is 0 or 5 or 10, $"{b.Median}"));
    }

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
        var line = await InvocationsAsync(new ChartRequest(To - Day, To));

        Assert.Equal(1440, line.Lines[0].Points.Count);
        Assert.All(line.Lines[0].Points, p => Assert.True(p.Value is 0 or 10));
    }

    private async Task<PanelData> InvocationsAsync(ChartRequest request)
    {
        var endpoint = new EndpointState("churn", "arn:aws:sagemaker:eu-west-1:123456789012:endpoint/churn", EndpointStatuses.InService, "churn-config",
            DateTimeOffset.FromUnixTimeSeconds(At(1, 0)), DateTimeOffset.FromUnixTimeSeconds(At(1, 0)), null,
            [new VariantState("AllTraffic", "ml.m5.xlarge", 1, 1, 1, 1)], DateTimeOffset.FromUnixTimeSeconds(To));
        var panels = await _charts.LoadAsync(endpoint, request, TestContext.Current.CancellationToken);
        return panels.Single(p => p.Spec.Id == "invocations");
    }
}
