using Dashboard.Core.Collectors;
using Dashboard.Core.Metrics;

namespace Dashboard.Core.Connection;

/// <summary>
/// What polling costs per month at the current settings, each series at its own cadence (<see cref="PollCadence"/>,
/// the rule the collector follows). CloudWatch bills GetMetricData per metric requested ($0.01 per 1,000, no free
/// tier), not per datapoint, so the cost is the sum over series of reads a month. The fleet is taken as it is now:
/// an endpoint deploying or in ALARM now is counted as such all month.
/// </summary>
/// <param name="UrgentSeries">Minute series read every <paramref name="MetricInterval"/>: those alarms read, and every series of an endpoint deploying or in ALARM.</param>
/// <param name="VitalSeries">Invocations, errors and p90 latency of the other endpoints, read every <paramref name="VitalInterval"/>.</param>
/// <param name="SlowSeries">The other minute series of the other endpoints, read every <paramref name="SlowInterval"/>.</param>
public sealed record CostProjection(int UrgentSeries, int VitalSeries, int SlowSeries, int HourlySeries, TimeSpan MetricInterval,
    TimeSpan VitalInterval, TimeSpan SlowInterval, double MetricsPerMonth, double DollarsPerMonth)
{
    public const double DollarsPerThousandMetrics = 0.01;
    private const double MinutesPerMonth = 30 * 24 * 60;

    public int MinuteSeries => UrgentSeries + VitalSeries + SlowSeries;

    public static CostProjection For(IReadOnlyList<SeriesKey> series, CadenceInputs inputs, CollectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(options);
        var counts = series.GroupBy(s => PollCadence.Of(s, inputs)).ToDictionary(g => g.Key, g => g.Count());
        // Hourly series are asked for once per completed hour, whatever the poll interval.
        var metrics = counts.Sum(c => c.Value * MinutesPerMonth / PollCadence.IntervalOf(c.Key, options).TotalMinutes);
        return new CostProjection(
            counts.GetValueOrDefault(SeriesCadence.Urgent),
            counts.GetValueOrDefault(SeriesCadence.Vital),
            counts.GetValueOrDefault(SeriesCadence.Slow),
            counts.GetValueOrDefault(SeriesCadence.Hourly),
            PollCadence.IntervalOf(SeriesCadence.Urgent, options),
            PollCadence.IntervalOf(SeriesCadence.Vital, options),
            PollCadence.IntervalOf(SeriesCadence.Slow, options),
            metrics,
            metrics / 1000 * DollarsPerThousandMetrics);
    }
}
