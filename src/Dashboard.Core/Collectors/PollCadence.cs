using Dashboard.Core.Live;
using Dashboard.Core.Metrics;
using M = Dashboard.Core.Metrics.SageMakerMetrics;

namespace Dashboard.Core.Collectors;

/// <summary>Why a series is read as often as it is; each class has its own interval in <see cref="CollectorOptions"/>.</summary>
public enum SeriesCadence
{
    /// <summary>An alarm reads it, or its endpoint is deploying or has an alarm in ALARM: every MetricInterval.</summary>
    Urgent,

    /// <summary>Invocations, 4XX and 5XX errors and p90 model latency of a quiet endpoint: every VitalMetricInterval (5 min).</summary>
    Vital,

    /// <summary>Utilisation and the other statistics of a quiet endpoint: every SlowMetricInterval (60 min).</summary>
    Slow,

    /// <summary>Hourly series (Model Monitor drift): once each hour completes, whatever the settings.</summary>
    Hourly,
}

/// <summary>What decides a series' cadence besides the series itself, as the live store has it at one poll.</summary>
public sealed record CadenceInputs(IReadOnlySet<string> Deploying, IReadOnlySet<string> Alarming, IReadOnlySet<SeriesKey> Watched)
{
    /// <summary>No endpoint deploying, none in ALARM, no alarm reading anything: a fleet at rest.</summary>
    public static readonly CadenceInputs AtRest = new(new HashSet<string>(), new HashSet<string>(), new HashSet<SeriesKey>());

    public static CadenceInputs From(LiveStore live)
    {
        ArgumentNullException.ThrowIfNull(live);
        return new CadenceInputs(
            live.Fleet.Where(e => MetricCollector.IsDeploying(e.Status)).Select(e => e.Name).ToHashSet(StringComparer.Ordinal),
            live.AlarmingEndpoints,
            live.WatchedSeries);
    }
}

/// <summary>
/// How often each series is read. CloudWatch bills GetMetricData per metric requested, not per datapoint, so reading
/// an hour of minutes once costs what reading one minute costs: a series is read as often as its use needs, and always
/// at 1-minute resolution, so a rarely read series brings every minute since its last read. The collector, the cost
/// projection and the endpoint page's staleness notes all ask here.
/// </summary>
public static class PollCadence
{
    public static SeriesCadence Of(SeriesKey series, CadenceInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(inputs);
        if (series.Period >= M.HourPeriod)
        {
            return SeriesCadence.Hourly;
        }
        var endpoint = series.EndpointName ?? "";
        if (inputs.Watched.Contains(series) || inputs.Deploying.Contains(endpoint) || inputs.Alarming.Contains(endpoint))
        {
            return SeriesCadence.Urgent;
        }
        return IsVital(series) ? SeriesCadence.Vital : SeriesCadence.Slow;
    }

    /// <summary>How long a series of this cadence waits between reads.</summary>
    public static TimeSpan IntervalOf(SeriesCadence cadence, CollectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return cadence switch
        {
            SeriesCadence.Urgent => options.MetricInterval,
            SeriesCadence.Vital => VitalInterval(options),
            SeriesCadence.Slow => SlowInterval(options),
            _ => TimeSpan.FromSeconds(M.HourPeriod),
        };
    }

    /// <summary>The slowest interval of a minute series at these settings: how far back a poll may have to read.</summary>
    public static TimeSpan SlowestMinuteInterval(CollectorOptions options) => SlowInterval(options);

    private static TimeSpan VitalInterval(CollectorOptions options)
    {
        if (options.VitalMetricInterval is { } vital)
        {
            return vital;
        }
        // The default lies between the other two, whatever they are set to.
        var slow = options.SlowMetricInterval ?? CollectorOptions.DefaultSlowMetricInterval;
        var fallback = CollectorOptions.DefaultVitalMetricInterval < slow ? CollectorOptions.DefaultVitalMetricInterval : slow;
        return fallback < options.MetricInterval ? options.MetricInterval : fallback;
    }

    private static TimeSpan SlowInterval(CollectorOptions options)
    {
        var slow = options.SlowMetricInterval ?? CollectorOptions.DefaultSlowMetricInterval;
        var vital = VitalInterval(options);
        return slow < vital ? vital : slow;
    }

    public static TimeSpan IntervalOf(SeriesKey series, CadenceInputs inputs, CollectorOptions options) =>
        IntervalOf(Of(series, inputs), options);

    /// <summary>
    /// The rate, errors and duration the fleet overview and health judge an endpoint by: invocations, 4XX and 5XX
    /// errors (sums) and p90 model latency, per minute.
    /// </summary>
    public static bool IsVital(SeriesKey series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return series.Period == M.MinutePeriod && series.Namespace == M.InvocationNamespace
            && (series.MetricName, series.Stat) is (M.Invocations, "Sum") or (M.Invocation4XXErrors, "Sum")
                or (M.Invocation5XXErrors, "Sum") or (M.ModelLatency, "p90");
    }
}
