using Dashboard.Core.CloudWatch;
using Dashboard.Core.Metrics;

namespace Dashboard.Simulator.Scenario;

/// <summary>One CloudWatch metric of the simulated fleet (namespace, name and full dimension set) and its generator.</summary>
public sealed class SimulatedSeries
{
    private readonly VariantModel? _variant;
    private readonly DriftModel? _drift;

    internal SimulatedSeries(string endpointName, string? variantName, MetricKind kind, string metricName,
        IReadOnlyList<Dimension> dimensions, VariantModel? variant, DriftModel? drift, DateTimeOffset creationTime, string? configName = null)
    {
        ConfigName = configName;
        EndpointName = endpointName;
        VariantName = variantName;
        Kind = kind;
        Namespace = MetricKinds.Namespace(kind);
        MetricName = metricName;
        Dimensions = dimensions;
        Unit = MetricKinds.Unit(kind);
        CreationTime = creationTime;
        Key = KeyOf(Namespace, MetricName, dimensions);
        _variant = variant;
        _drift = drift;
    }

    public string EndpointName { get; }

    public string? VariantName { get; }

    public MetricKind Kind { get; }

    /// <summary>The EndpointConfigName dimension: the part of the variant's traffic one config served (null: all of it).</summary>
    public string? ConfigName { get; }

    public string Namespace { get; }

    public string MetricName { get; }

    public IReadOnlyList<Dimension> Dimensions { get; }

    public string Unit { get; }

    /// <summary>The endpoint's creation: there is no data before it.</summary>
    public DateTimeOffset CreationTime { get; }

    /// <summary>Namespace, name and canonical dimensions: CloudWatch's identity of a metric.</summary>
    public string Key { get; }

    public Metric ToMetric() => new(Namespace, MetricName, Dimensions);

    public static string KeyOf(string ns, string metricName, IEnumerable<Dimension> dimensions) =>
        ns + "\n" + metricName + "\n" + SeriesKey.CanonicalDimensions(dimensions.Select(d => KeyValuePair.Create(d.Name, d.Value)));

    /// <summary>The stored data of one minute (minutes since the Unix epoch); false when CloudWatch would hold nothing.</summary>
    public bool TryGetMinute(long minute, out MinuteSample sample) =>
        _variant is not null ? _variant.TrySample(Kind, minute, out sample, ConfigName) : _drift!.TrySample(minute, out sample);

    /// <summary>
    /// The statistic over [<paramref name="periodStart"/>, +<paramref name="periodSeconds"/>), rounded as returned on
    /// the wire, or null when no minute of the period holds data. Pure: "now" and retention are the server's business.
    /// </summary>
    public double? GetValue(Statistic statistic, int periodSeconds, DateTimeOffset periodStart)
    {
        var first = VariantModel.ToMinute(periodStart);
        var minutes = Math.Max(1, periodSeconds / 60);
        var accumulator = new PeriodAccumulator();
        for (var minute = first; minute < first + minutes; minute++)
        {
            if (TryGetMinute(minute, out var sample))
            {
                accumulator.Add(sample, statistic);
            }
        }
        return accumulator.HasData ? MetricKinds.Round(Kind, statistic, accumulator.Result(statistic)) : null;
    }

    public override string ToString() => Key.Replace('\n', ' ');
}
