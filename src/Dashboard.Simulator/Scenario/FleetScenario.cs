using Dashboard.Core.CloudWatch;
using Dashboard.Core.Metrics;

namespace Dashboard.Simulator.Scenario;

/// <summary>
/// The simulated SageMaker fleet and every metric it publishes, as a pure function of (seed, anchor, time).
/// Usable without HTTP: integration tests can ask it what a stored point should be.
/// </summary>
public sealed class FleetScenario
{
    private readonly Dictionary<string, EndpointProfile> _endpoints;
    private readonly Dictionary<string, SimulatedSeries> _seriesByKey;
    private readonly Dictionary<(string Endpoint, string Variant), VariantModel> _variants = [];
    private readonly Dictionary<string, EndpointWeights> _weights = new(StringComparer.Ordinal);

    /// <param name="fleetSize">Endpoints in the fleet: the first ten are the catalogue's, more are copies of them.</param>
    public FleetScenario(int seed, DateTimeOffset anchor, int fleetSize = FleetClones.DefaultSize)
    {
        Seed = seed;
        Anchor = anchor;
        Endpoints = FleetClones.Extend(FleetCatalog.Create(anchor), fleetSize);
        _endpoints = Endpoints.ToDictionary(e => e.Name, StringComparer.Ordinal);
        var series = new List<SimulatedSeries>();
        foreach (var endpoint in Endpoints)
        {
            AddSeries(endpoint, series);
        }
        Series = series;
        _seriesByKey = series.ToDictionary(s => s.Key, StringComparer.Ordinal);
    }

    public int Seed { get; }

    /// <summary>The moment scenario events (bursts, drift, degradation) are placed relative to.</summary>
    public DateTimeOffset Anchor { get; }

    public IReadOnlyList<EndpointProfile> Endpoints { get; }

    /// <summary>Every metric the fleet publishes, in a stable order.</summary>
    public IReadOnlyList<SimulatedSeries> Series { get; }

    public EndpointProfile? FindEndpoint(string name) => _endpoints.GetValueOrDefault(name);

    /// <summary>The endpoint's variant weights over time (changed by UpdateEndpointWeightsAndCapacities).</summary>
    public EndpointWeights WeightsOf(string endpointName) => _weights[endpointName];

    /// <summary>The endpoint's status at <paramref name="time"/>: Updating while a weight change is in flight.</summary>
    public string StatusAt(EndpointProfile endpoint, DateTimeOffset time) =>
        _weights[endpoint.Name].PendingAt(time) is not null ? "Updating" : endpoint.Status;

    public DateTimeOffset LastModifiedAt(EndpointProfile endpoint, DateTimeOffset time) =>
        _weights[endpoint.Name].LatestAt(time)?.RequestedAt ?? endpoint.LastModifiedTime;

    /// <summary>The series with exactly this namespace, name and dimension set (CloudWatch's identity), if any.</summary>
    public SimulatedSeries? FindSeries(string ns, string metricName, IEnumerable<Dimension> dimensions) =>
        _seriesByKey.GetValueOrDefault(SimulatedSeries.KeyOf(ns, metricName, dimensions));

    /// <summary>
    /// The series of an endpoint metric: pass the variant for SageMaker metrics, null for Model Monitor drift metrics
    /// (whose name is "feature_baseline_drift_{feature}").
    /// </summary>
    public SimulatedSeries? FindSeries(string endpointName, string? variantName, string metricName) =>
        Series.FirstOrDefault(s => s.EndpointName == endpointName && s.VariantName == variantName && s.MetricName == metricName);

    /// <summary>
    /// The value CloudWatch would return for the statistic (e.g. "Sum", "Average", "p99") over the period starting at
    /// <paramref name="periodStart"/>, or null when there is no data (unknown series, no requests, before creation).
    /// </summary>
    public double? GetValue(string endpointName, string? variantName, string metricName, string stat, int periodSeconds,
        DateTimeOffset periodStart) =>
        FindSeries(endpointName, variantName, metricName)?.GetValue(Statistic.Parse(stat), periodSeconds, periodStart);

    /// <summary>How many instances serve the variant at <paramref name="time"/> (instances follow load).</summary>
    public int InstanceCount(string endpointName, string variantName, DateTimeOffset time) =>
        _variants.TryGetValue((endpointName, variantName), out var model)
            ? model.InstancesAt(VariantModel.ToMinute(time))
            : throw new ArgumentException($"No variant {variantName} on endpoint {endpointName}.");

    /// <summary>What the variant did in the minute containing <paramref name="time"/>.</summary>
    public VariantMinute VariantAt(string endpointName, string variantName, DateTimeOffset time) =>
        _variants[(endpointName, variantName)].At(VariantModel.ToMinute(time));

    private void AddSeries(EndpointProfile endpoint, List<SimulatedSeries> series)
    {
        // The first whole minute after creation is the first minute with data.
        var creationMinute = LoadModel.FloorDiv(endpoint.CreationTime.ToUnixTimeMilliseconds() + 59_999, 60_000);
        var weights = _weights[endpoint.Name] = new EndpointWeights(endpoint.Variants);
        foreach (var variant in endpoint.Variants)
        {
            var model = new VariantModel(Seed, endpoint, variant, creationMinute, weights);
            _variants[(endpoint.Name, variant.Name)] = model;
            Dimension[] dimensions = [new("EndpointName", endpoint.Name), new("VariantName", variant.Name)];
            var kinds = MetricKinds.InvocationKinds.Concat(MetricKinds.CpuKinds)
                .Concat(model.Type.HasGpu ? MetricKinds.GpuKinds : []);
            foreach (var kind in kinds)
            {
                series.Add(new SimulatedSeries(endpoint.Name, variant.Name, kind, MetricKinds.MetricName(kind), dimensions,
                    model, null, endpoint.CreationTime));
            }
        }
        if (endpoint.Monitor is { } monitor)
        {
            Dimension[] dimensions = [new("Endpoint", endpoint.Name), new("MonitoringSchedule", monitor.ScheduleName)];
            foreach (var feature in monitor.Features)
            {
                var drift = new DriftModel(Seed, endpoint.Name, feature, creationMinute, Anchor);
                series.Add(new SimulatedSeries(endpoint.Name, null, MetricKind.Drift, SageMakerMetrics.DriftPrefix + feature.Name,
                    dimensions, null, drift, endpoint.CreationTime));
            }
        }
    }
}
