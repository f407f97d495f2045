using System.Collections.Concurrent;
using System.Text.Json;
using Dashboard.Core.Drift.Distances;
using Dashboard.Core.Drift.Summaries;
using Dashboard.Core.S3;
using Dashboard.Core.SageMaker;

namespace Dashboard.Core.Drift.Monitor;

/// <summary>An endpoint's Model Monitor baseline: its features (in statistics.json's order) and the schedule's drift thresholds.</summary>
public sealed record MonitorBaseline(string Schedule, string StatisticsUri, IReadOnlyList<(string Name, FeatureSummary Summary)> Features,
    double NumericThreshold, double CategoricalThreshold, long Records);

/// <summary>
/// Finds the baseline of an endpoint's data-quality schedule (DescribeMonitoringSchedule's BaselineConfig) and reads its
/// statistics.json and constraints.json from S3. The drift reader reads it (at most every half hour); pages and the
/// scorer take what it last read (<see cref="Known"/>), so opening a page never calls AWS. A baseline that cannot be read
/// is reported and the last one read stays in force.
/// </summary>
public sealed class MonitorBaselines(ISageMakerClient sageMaker, IS3ObjectClient s3, TimeProvider timeProvider)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(30);
    private readonly ConcurrentDictionary<string, (MonitorBaseline? Baseline, string? Problem, DateTimeOffset At)> _cache = new(StringComparer.Ordinal);

    /// <summary>What the reader last read for the endpoint: (null, null) before it did or when there is no baseline.</summary>
    public (MonitorBaseline? Baseline, string? Problem) Known(string endpoint) =>
        _cache.TryGetValue(endpoint, out var cached) ? (cached.Baseline, cached.Problem) : (null, null);

    /// <summary>The baseline (null when the endpoint has no data-quality schedule with one) and why the latest read failed, if it did.</summary>
    public async Task<(MonitorBaseline? Baseline, string? Problem)> FindAsync(string endpoint, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (_cache.TryGetValue(endpoint, out var cached) && now - cached.At < KeepFor)
        {
            return (cached.Baseline, cached.Problem);
        }
        MonitorBaseline? baseline = null;
        string? problem = null;
        try
        {
            baseline = await ReadAsync(endpoint, cancellationToken);
        }
        catch (Exception e) when (e is AwsServiceException or JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            problem = e is AwsServiceException aws ? $"{aws.ErrorCode}: {aws.Message}" : $"the baseline files could not be read ({e.Message})";
            baseline = cached.Baseline;
        }
        _cache[endpoint] = (baseline, problem, now);
        return (baseline, problem);
    }

    private async Task<MonitorBaseline?> ReadAsync(string endpoint, CancellationToken cancellationToken)
    {
        var schedules = await sageMaker.ListMonitoringSchedulesAsync(new ListMonitoringSchedulesRequest { EndpointName = endpoint }, cancellationToken);
        foreach (var summary in schedules.MonitoringScheduleSummaries.Where(s => (s.MonitoringType ?? MonitoringTypes.DataQuality) == MonitoringTypes.DataQuality))
        {
            var schedule = await sageMaker.DescribeMonitoringScheduleAsync(new DescribeMonitoringScheduleRequest(summary.MonitoringScheduleName), cancellationToken);
            var config = schedule.MonitoringScheduleConfig.MonitoringJobDefinition?.BaselineConfig;
            if (S3Uri.TryParse(config?.StatisticsResource?.S3Uri) is not { } statistics)
            {
                continue;
            }
            var features = MonitorStatistics.Parse(await ReadAsync(statistics, cancellationToken));
            (double Numeric, double Categorical) thresholds = S3Uri.TryParse(config?.ConstraintsResource?.S3Uri) is { } constraints
                ? MonitorConstraints.Thresholds(await ReadAsync(constraints, cancellationToken))
                : (DriftMethods.DefaultThreshold, DriftMethods.DefaultThreshold);
            return new MonitorBaseline(summary.MonitoringScheduleName, config!.StatisticsResource!.S3Uri!, features, thresholds.Numeric, thresholds.Categorical,
                features.Count == 0 ? 0 : features.Max(f => f.Summary.Records));
        }
        return null;
    }

    /// <summary>An object named by a file URI (<see cref="S3Uri"/> keeps a trailing slash, so the key is taken whole).</summary>
    private async Task<byte[]> ReadAsync(S3Uri file, CancellationToken cancellationToken) =>
        (await s3.GetObjectAsync(new S3GetObjectRequest(file.Bucket, file.Prefix.TrimEnd('/')), cancellationToken)).Content;
}
