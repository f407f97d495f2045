using System.Collections.Concurrent;
using Dashboard.Core.CloudWatch;
using Dashboard.Core.Metrics;
using Dashboard.Simulator.Deployments;

namespace Dashboard.Simulator.Scenario;

/// <summary>
/// The simulated SageMaker fleet and every metric it publishes, as a pure function of (seed, anchor, time).
/// Usable without HTTP: integration tests can ask it what a stored point should be.
/// </summary>
public sealed class FleetScenario
{
    private readonly Dictionary<string, EndpointProfile> _endpoints;
    private readonly Lock _seriesLock = new();
    private Dictionary<string, SimulatedSeries> _seriesByKey;
    private SimulatedSeries[] _series;
    private readonly ConcurrentDictionary<(string Endpoint, string Variant), VariantModel> _variants = new();
    private readonly Dictionary<string, EndpointWeights> _weights = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EndpointDeployments> _deployments = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SimulatedModel> _models;
    private SimulatedModel[] _modelList;
    private readonly Lock _modelsLock = new();

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
        _series = [.. series];
        _seriesByKey = series.ToDictionary(s => s.Key, StringComparer.Ordinal);
        _modelList = [.. ModelCatalog.Create(Endpoints, anchor)];
        _models = new ConcurrentDictionary<string, SimulatedModel>(_modelList.ToDictionary(m => m.Name, StringComparer.Ordinal), StringComparer.Ordinal);
    }

    public int Seed { get; }

    /// <summary>The moment scenario events (bursts, drift, degradation) are placed relative to.</summary>
    public DateTimeOffset Anchor { get; }

    public IReadOnlyList<EndpointProfile> Endpoints { get; }

    /// <summary>Every metric the fleet publishes, in a stable order (series that deployments added last: EndpointConfigName, added variants).</summary>
    public IReadOnlyList<SimulatedSeries> Series => Volatile.Read(ref _series);

    /// <summary>
    /// The account's models: the live ones and the candidates (<see cref="ModelCatalog"/>), then those retraining
    /// pipelines added (which exist from their CreationTime on, like the others).
    /// </summary>
    public IReadOnlyList<SimulatedModel> Models => Volatile.Read(ref _modelList);

    /// <summary>What running deployments consult: the simulated CloudWatch's alarms and the fault switches.</summary>
    public DeploymentContext DeploymentContext { get; } = new();

    public SimulatedModel? FindModel(string name) => _models.GetValueOrDefault(name);

    /// <summary>Adds a model (a pipeline's, possibly created in the future); false when the name is taken.</summary>
    public bool AddModel(SimulatedModel model)
    {
        lock (_modelsLock)
        {
            if (!_models.TryAdd(model.Name, model))
            {
                return false;
            }
            Volatile.Write(ref _modelList, [.. _modelList, model]);
            return true;
        }
    }

    /// <summary>The endpoint's deployments (UpdateEndpoint), oldest first.</summary>
    public EndpointDeployments DeploymentsOf(string endpointName) => _deployments[endpointName];

    public EndpointProfile? FindEndpoint(string name) => _endpoints.GetValueOrDefault(name);

    /// <summary>The endpoint's variant weights over time (changed by UpdateEndpointWeightsAndCapacities).</summary>
    public EndpointWeights WeightsOf(string endpointName) => _weights[endpointName];

    /// <summary>
    /// The endpoint's status at <paramref name="time"/>: Updating while a deployment or weight change is in flight,
    /// RollingBack for a while after a deployment's rollback, and UpdateRollbackFailed when that rollback failed.
    /// </summary>
    public string StatusAt(EndpointProfile endpoint, DateTimeOffset time)
    {
        if (_deployments[endpoint.Name].LatestAt(time) is { } deployment)
        {
            if (deployment.RollbackBefore(time.AddTicks(1)) is { } rollback)
            {
                if (time < deployment.RollbackEnds(rollback))
                {
                    return "RollingBack";
                }
                if (rollback.Failed)
                {
                    return "UpdateRollbackFailed";
                }
            }
            else if (time < deployment.CompletesAt)
            {
                return "Updating";
            }
        }
        return _weights[endpoint.Name].PendingAt(time) is not null ? "Updating" : endpoint.Status;
    }

    /// <summary>The endpoint config serving at <paramref name="time"/>: the newest deployment's once it completed.</summary>
    public string ConfigNameAt(EndpointProfile endpoint, DateTimeOffset time)
    {
        if (_deployments[endpoint.Name].LatestAt(time) is not { } deployment)
        {
            return endpoint.ConfigName;
        }
        return time >= deployment.CompletesAt && deployment.RollbackBefore(deployment.CompletesAt) is null
            ? deployment.NewConfig.Name
            : deployment.OldConfig.Name;
    }

    /// <summary>
    /// The variants' weights at <paramref name="time"/>, indexed like <see cref="EndpointWeights.Variants"/>: the newest of
    /// a completed weight change or deployment (0 for a variant its config lacks).
    /// </summary>
    public IReadOnlyList<float> CurrentWeightsAt(EndpointProfile endpoint, DateTimeOffset time)
    {
        var weights = _weights[endpoint.Name];
        var change = weights.CompletedAt(time);
        if (_deployments[endpoint.Name].LatestCompletedAt(time) is { } deployment && (change is null || change.CompletesAt < deployment.CompletesAt))
        {
            return weights.Variants.Select(name => deployment.GreenOf(name)?.CurrentWeight ?? 0f).ToArray();
        }
        return weights.CurrentAt(time);
    }

    /// <summary>
    /// Makes room for the variants a deployment adds (an update without DeploymentConfig may add or remove variants):
    /// each gets a model and its own EndpointName + VariantName series, with data from the minute it serves.
    /// </summary>
    public void AddVariants(EndpointProfile endpoint, IEnumerable<VariantProfile> variants, DateTimeOffset from)
    {
        var creationMinute = LoadModel.FloorDiv(from.ToUnixTimeMilliseconds() + 59_999, 60_000);
        lock (_seriesLock)
        {
            var added = new List<SimulatedSeries>();
            foreach (var variant in variants.Where(v => !_variants.ContainsKey((endpoint.Name, v.Name))))
            {
                _weights[endpoint.Name].AddVariant(variant.Name);
                var model = new VariantModel(Seed, endpoint, variant, creationMinute, _weights[endpoint.Name], _deployments[endpoint.Name]);
                _variants[(endpoint.Name, variant.Name)] = model;
                Dimension[] dimensions = [new("EndpointName", endpoint.Name), new("VariantName", variant.Name)];
                foreach (var kind in MetricKinds.InvocationKinds.Concat(MetricKinds.CpuKinds).Concat(model.Type.HasGpu ? MetricKinds.GpuKinds : []))
                {
                    added.Add(new SimulatedSeries(endpoint.Name, variant.Name, kind, MetricKinds.MetricName(kind), dimensions, model, null,
                        DateTimeOffset.FromUnixTimeSeconds(creationMinute * 60)));
                }
            }
            Publish(added);
        }
    }

    /// <summary>The variants as they serve at <paramref name="time"/> (what a new deployment starts from).</summary>
    public IReadOnlyList<VariantProfile> ServingProfiles(EndpointProfile endpoint, DateTimeOffset time)
    {
        if (_deployments[endpoint.Name].LatestAt(time) is not { } deployment)
        {
            return endpoint.Variants;
        }
        return time >= deployment.CompletesAt && deployment.RollbackBefore(deployment.CompletesAt) is null ? deployment.Green : deployment.Blue;
    }

    public DateTimeOffset LastModifiedAt(EndpointProfile endpoint, DateTimeOffset time)
    {
        var modified = _weights[endpoint.Name].LatestAt(time)?.RequestedAt ?? endpoint.LastModifiedTime;
        if (_deployments[endpoint.Name].LatestAt(time) is { } deployment)
        {
            var rollback = deployment.RollbackBefore(time.AddTicks(1));
            var last = rollback is not null
                ? (time >= deployment.RollbackEnds(rollback) ? deployment.RollbackEnds(rollback) : rollback.At)
                : (time >= deployment.CompletesAt ? deployment.CompletesAt : deployment.StartTime);
            modified = last > modified ? last : modified;
        }
        return modified;
    }

    /// <summary>
    /// Adds the EndpointConfigName series of one config on each of its variants (invocation metrics only), from
    /// <paramref name="from"/> on; a config that already has them keeps them.
    /// </summary>
    public void AddConfigSeries(EndpointProfile endpoint, string configName, IEnumerable<VariantProfile> variants, DateTimeOffset from)
    {
        lock (_seriesLock)
        {
            var added = new List<SimulatedSeries>();
            foreach (var variant in variants)
            {
                var model = _variants[(endpoint.Name, variant.Name)];
                Dimension[] dimensions =
                    [new("EndpointName", endpoint.Name), new("VariantName", variant.Name), new("EndpointConfigName", configName)];
                foreach (var kind in MetricKinds.InvocationKinds)
                {
                    var series = new SimulatedSeries(endpoint.Name, variant.Name, kind, MetricKinds.MetricName(kind), dimensions, model, null,
                        from, configName);
                    if (!_seriesByKey.ContainsKey(series.Key))
                    {
                        added.Add(series);
                    }
                }
            }
            Publish(added);
        }
    }

    /// <summary>Appends series for readers that never lock (callers hold the series lock).</summary>
    private void Publish(List<SimulatedSeries> added)
    {
        if (added.Count == 0)
        {
            return;
        }
        var byKey = new Dictionary<string, SimulatedSeries>(_seriesByKey, StringComparer.Ordinal);
        foreach (var series in added)
        {
            byKey[series.Key] = series;
        }
        Volatile.Write(ref _seriesByKey, byKey);
        Volatile.Write(ref _series, [.. _series, .. added]);
    }

    /// <summary>The series with exactly this namespace, name and dimension set (CloudWatch's identity), if any.</summary>
    public SimulatedSeries? FindSeries(string ns, string metricName, IEnumerable<Dimension> dimensions) =>
        Volatile.Read(ref _seriesByKey).GetValueOrDefault(SimulatedSeries.KeyOf(ns, metricName, dimensions));

    /// <summary>
    /// The series of an endpoint metric: pass the variant for SageMaker metrics, null for Model Monitor drift metrics
    /// (whose name is "feature_baseline_drift_{feature}").
    /// </summary>
    public SimulatedSeries? FindSeries(string endpointName, string? variantName, string metricName) =>
        Series.FirstOrDefault(s => s.EndpointName == endpointName && s.VariantName == variantName && s.MetricName == metricName && s.ConfigName is null);

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
        var deployments = _deployments[endpoint.Name] = new EndpointDeployments();
        foreach (var variant in endpoint.Variants)
        {
            var model = new VariantModel(Seed, endpoint, variant, creationMinute, weights, deployments);
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
                var drift = new DriftModel(Seed, endpoint.Name, feature, creationMinute, Anchor,
                    (endpoint.Capture?.Find(feature.Name) as CategoricalFeature)?.Break);
                series.Add(new SimulatedSeries(endpoint.Name, null, MetricKind.Drift, SageMakerMetrics.DriftPrefix + feature.Name,
                    dimensions, null, drift, endpoint.CreationTime));
            }
        }
    }
}
