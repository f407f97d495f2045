using Dashboard.Core.Collectors;
using Dashboard.Core.Connection;
using Dashboard.Core.Metrics;

namespace Dashboard.Core.Tests.Collectors;

public sealed class CostProjectionTests
{
    private static SeriesKey Minute(string endpoint, string metric) =>
        SeriesKey.Create("AWS/SageMaker", metric, [new("EndpointName", endpoint), new("VariantName", "AllTraffic")], "Sum", 60);

    private static SeriesKey Hourly(string endpoint) =>
        SeriesKey.Create("aws/sagemaker/Endpoints/data-metrics", "feature_baseline_drift_age", [new("Endpoint", endpoint), new("MonitoringSchedule", "s")], "Maximum", 3600);

    private static readonly CollectorOptions Options = new() { VitalMetricInterval = TimeSpan.FromMinutes(5), SlowMetricInterval = TimeSpan.FromMinutes(30) };

    private static CadenceInputs Inputs(IEnumerable<string>? deploying = null, IEnumerable<SeriesKey>? watched = null) =>
        CadenceInputs.AtRest with
        {
            Deploying = (deploying ?? []).ToHashSet(StringComparer.Ordinal),
            Watched = (watched ?? []).ToHashSet(),
        };

    [Fact]
    public void For_QuietAndDeployingSeries_BillsEachAtItsOwnInterval()
    {
        SeriesKey[] series = [Minute("a", "Invocations"), Minute("a", "Invocation5XXErrors"), Minute("a", "InvocationsPerInstance"),
            Minute("b", "Invocations"), Hourly("a")];

        var cost = CostProjection.For(series, Inputs(deploying: ["b"]), Options);

        // b: 43,200 polls; a's two vital series: 2 × 8,640, its slow one 1,440; drift: 720 hours.
        Assert.Equal(43_200 + 2 * 8_640 + 1_440 + 720, cost.MetricsPerMonth, 6);
        Assert.Equal(cost.MetricsPerMonth / 1000 * 0.01, cost.DollarsPerMonth, 9);
        Assert.Equal((4, 1, 2, 1, 1), (cost.MinuteSeries, cost.UrgentSeries, cost.VitalSeries, cost.SlowSeries, cost.HourlySeries));
    }

    [Fact]
    public void For_SeriesAnAlarmReads_BilledAtTheMetricIntervalOnAQuietEndpoint()
    {
        var p95 = Minute("a", "ModelLatency") with { Stat = "p95" };
        SeriesKey[] series = [Minute("a", "Invocations"), p95];

        var cost = CostProjection.For(series, Inputs(watched: [p95]), Options);

        Assert.Equal(8_640 + 43_200, cost.MetricsPerMonth, 6);
        Assert.Equal((2, 1), (cost.MinuteSeries, cost.UrgentSeries));
    }

    [Theory]
    [InlineData("CredentialsUnavailable", "No AWS credentials")]
    [InlineData("ExpiredTokenException", "expired")]
    [InlineData("AccessDeniedException", "sagemaker:ListEndpoints")]
    [InlineData("NetworkError", "region")]
    public void Describe_KnownFailure_SaysWhatIsWrongInPlainWords(string code, string expected)
    {
        var error = new AwsServiceException("sagemaker", code, "details", 400, "req-1");

        Assert.Contains(expected, ConnectionProblem.Describe(error, "sagemaker:ListEndpoints"), StringComparison.Ordinal);
    }
}
