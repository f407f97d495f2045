using Dashboard.Core.Baselines;
using Dashboard.Core.Fleet;
using Dashboard.Core.Health;
using Dashboard.Core.Live;
using Dashboard.Core.Metrics;
using Dashboard.Core.Overview;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Storage;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Web.Tests.Fleet;

/// <summary>Endpoints, rows and stored series for the fleet and endpoint page tests.</summary>
internal static class FleetTestData
{
    /// <summary>Wednesday 2025-06-04 12:10:00 UTC.</summary>
    public static readonly DateTimeOffset Now = new(2025, 6, 4, 12, 10, 0, TimeSpan.Zero);

    public const long Minute = 60;

    public static EndpointState Endpoint(string name, string status = EndpointStatuses.InService, params VariantState[] variants) =>
        new(name, $"arn:aws:sagemaker:eu-west-1:123456789012:endpoint/{name}", status, $"{name}-config",
            Now.AddDays(-30), Now.AddDays(-2), null,
            variants.Length == 0 ? [Variant("AllTraffic")] : variants, Now);

    public static VariantState Variant(string name, string instanceType = "ml.m5.xlarge", int instances = 1, double weight = 1, double? desiredWeight = null) =>
        new(name, instanceType, instances, instances, weight, desiredWeight ?? weight);

    public static EndpointRow Row(EndpointState endpoint, HealthLevel level = HealthLevel.Healthy, double? invocations = null,
        double? errorRate = null, double? p90 = null, BaselineDeviation? deviation = null, params string[] reasons) =>
        new(endpoint, new HealthAssessment(level, reasons), invocations, errorRate, p90,
            Trend(invocations), Trend(errorRate), Trend(p90), deviation, invocations is null ? null : Now);

    private static IReadOnlyList<double> Trend(double? value) => Enumerable.Repeat(value ?? 0, 48).ToList();

    public static SeriesKey Key(string metric, string endpoint, string stat = "Sum", string variant = "AllTraffic") =>
        SeriesKey.Create(metric is SageMakerMetrics.CpuUtilization ? SageMakerMetrics.InstanceNamespace : SageMakerMetrics.InvocationNamespace,
            metric, [KeyValuePair.Create("EndpointName", endpoint), KeyValuePair.Create("VariantName", variant)], stat, SageMakerMetrics.MinutePeriod);
}

/// <summary>
/// The real <see cref="FleetOverviewService"/> and <see cref="Dashboard.Core.Charts.EndpointCharts"/> over in-memory
/// storage, a live store and a fake clock: what the pages get from the composition root. Pass <see cref="Register"/>
/// to the base context's constructor.
/// </summary>
internal sealed class FleetServices
{
    public FakeTimeProvider Time { get; } = new(FleetTestData.Now);

    public InMemoryMetricQueries Queries { get; } = new();

    public FakeFleetStore Store { get; } = new();

    public BaselineOptions Baseline { get; } = new() { LookbackDays = 1, K = 3, MinSamples = 10 };

    public LiveStore Live { get; }

    public Alarms.Editor.FakeAlarmStore Alarms { get; } = new();

    public Endpoints.FakeBaselinePins Pins { get; } = new();

    public FakeDeploymentStore Deployments { get; } = new();

    /// <summary>What the drift reader last left for the fleet page: standings and Model Monitor schedules.</summary>
    public Dashboard.Core.Drift.DriftReadBoard Drift { get; } = new();

    /// <summary>What the collector has read of each series, as the endpoint page's staleness notes see it.</summary>
    public Dictionary<SeriesKey, FetchedRange> Coverage { get; } = [];

    public Dashboard.Core.Collectors.CollectorOptions Collectors { get; } = new();

    public FleetServices() => Live = new LiveStore(Time);

    public void Register(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(Live);
        services.AddSingleton(Drift);
        services.AddSingleton<IMetricQueries>(Queries);
        services.AddSingleton<IFleetStore>(Store);
        services.AddSingleton(new FleetOverviewService(Queries, Live, Baseline, Options.Create(new OverviewOptions()), Drift, Time));
        services.AddSingleton(new Dashboard.Core.Charts.EndpointCharts(Queries, Baseline, driftThreshold: 0.1));
        services.AddSingleton(new Dashboard.Core.Comparison.VariantComparer(Queries));
        services.AddSingleton<Dashboard.Core.Deployments.IDeploymentStore>(Deployments);
        // The endpoint page draws alarms and audit markers over its charts.
        services.AddSingleton<Dashboard.Core.Alarms.IAlarmStore>(Alarms);
        services.AddSingleton<Dashboard.Core.Audit.IAuditQueries>(new FakeAuditQueries());
        services.AddSingleton<Dashboard.Core.Baselines.IBaselinePinStore>(Pins);
        services.AddSingleton<ICoverageQueries>(new FixedCoverage(Coverage));
        services.AddSingleton(Options.Create(Collectors));
    }

    private sealed class FixedCoverage(Dictionary<SeriesKey, FetchedRange> coverage) : ICoverageQueries
    {
        public Task<IReadOnlyDictionary<SeriesKey, FetchedRange>> GetCoverageAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<SeriesKey, FetchedRange>>(new Dictionary<SeriesKey, FetchedRange>(coverage));
    }

    /// <summary>Minute points of one series over the last <paramref name="minutes"/> minutes, up to now.</summary>
    public void AddMinutes(SeriesKey key, int minutes, double value)
    {
        var end = FleetTestData.Now.ToUnixTimeSeconds();
        Queries.Add(key, Enumerable.Range(1, minutes).Select(i => new MetricPoint(end - i * FleetTestData.Minute, value)));
    }
}
