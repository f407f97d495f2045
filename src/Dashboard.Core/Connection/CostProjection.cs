using Dashboard.Core.Metrics;

namespace Dashboard.Core.Connection;

/// <summary>
/// What polling costs per month at the current settings. CloudWatch bills GetMetricData per metric requested
/// ($0.01 per 1,000, no free tier), not per datapoint, so the cost is series × polls.
/// </summary>
/// <param name="FrequentSeries">Minute series polled every interval: those of deploying endpoints and those alarms read.</param>
public sealed record CostProjection(int MinuteSeries, int FrequentSeries, int HourlySeries, TimeSpan MetricInterval,
    TimeSpan QuietInterval, double MetricsPerMonth, double DollarsPerMonth)
{
    public const double DollarsPerThousandMetrics = 0.01;
    private const double MinutesPerMonth = 30 * 24 * 60;

    public static CostProjection For(IReadOnlyList<SeriesKey> series, IReadOnlySet<string> deployingEndpoints, IReadOnlySet<SeriesKey> watched,
        TimeSpan metricInterval, TimeSpan quietInterval)
    {
        ArgumentNullException.ThrowIfNull(series);
        var hourly = series.Count(s => s.Period >= SageMakerMetrics.HourPeriod);
        var frequent = series.Count(s => s.Period < SageMakerMetrics.HourPeriod
            && (deployingEndpoints.Contains(s.EndpointName ?? "") || watched.Contains(s)));
        var quiet = series.Count(s => s.Period < SageMakerMetrics.HourPeriod) - frequent;
        // Hourly series are asked for once per completed hour, whatever the poll interval.
        var metrics = frequent * MinutesPerMonth / metricInterval.TotalMinutes
            + quiet * MinutesPerMonth / quietInterval.TotalMinutes
            + hourly * MinutesPerMonth / 60;
        return new CostProjection(quiet + frequent, frequent, hourly, metricInterval, quietInterval, metrics,
            metrics / 1000 * DollarsPerThousandMetrics);
    }
}
