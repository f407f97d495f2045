using System.Globalization;
using Dashboard.Core.Collectors;
using Dashboard.Core.Live;
using Dashboard.Core.Workers;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting.Health;

/// <summary>
/// Readiness: the data pages show is current. On the lease holder each source (SageMaker, CloudWatch) must have
/// polled successfully within <see cref="IntervalsAllowed"/> of its interval, counted from the last success or, before
/// the first one, from when this replica took the lease. A replica without the lease does not poll, so it judges the
/// newest metric time it has been told of instead (<see cref="LiveStore.NewestMetricTime"/>, which live updates from the
/// holder advance), allowing for CloudWatch's publication delay. Error texts are left out: they can name accounts.
/// </summary>
public sealed class CollectorFreshnessHealthCheck(LiveStore live, IWorkerLeaseState lease, IOptionsMonitor<CollectorOptions> options,
    TimeProvider timeProvider) : IHealthCheck
{
    /// <summary>A source is stale after this many of its intervals without a successful poll.</summary>
    public const int IntervalsAllowed = 3;

    /// <summary>How far behind the clock CloudWatch's newest minute may be on top of the polling allowance.</summary>
    public static readonly TimeSpan PublicationDelay = TimeSpan.FromMinutes(5);

    private readonly DateTimeOffset _startedAt = timeProvider.GetUtcNow();

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var collectors = options.CurrentValue;
        var findings = lease.HeldHere
            ? [Judge(FleetCollector.SourceName, collectors.FleetInterval, now), Judge(MetricCollector.SourceName, collectors.MetricInterval, now)]
            : new[] { JudgeData(collectors.MetricInterval, now) };
        var status = findings.Any(f => !f.Fresh) ? context.Registration.FailureStatus
            : findings.Any(f => f.Failing) ? HealthStatus.Degraded
            : HealthStatus.Healthy;
        return Task.FromResult(new HealthCheckResult(status, string.Join(" ", findings.Select(f => f.Text))));
    }

    private Finding Judge(string source, TimeSpan interval, DateTimeOffset now)
    {
        var allowed = interval * IntervalsAllowed;
        var state = live.Sources.GetValueOrDefault(source);
        var failing = state?.IsFailing == true;
        var failures = failing ? $"; its last {state!.ConsecutiveFailures} attempt(s) failed" : "";
        if (source == MetricCollector.SourceName && live.Backfill.IsRunning)
        {
            return new Finding(true, failing, $"{source}: fetching history ({live.Backfill.Percent:0}% done){failures}.");
        }
        if (state?.LastSuccess is { } last)
        {
            var age = now - last;
            return age <= allowed
                ? new Finding(true, failing, $"{source}: polled {Seconds(age)} ago{failures}.")
                : new Finding(false, failing, $"{source}: stale, last polled {Seconds(age)} ago (allowed {Seconds(allowed)}){failures}.");
        }
        var since = lease.Since is { } taken && taken > _startedAt ? taken : _startedAt;
        var waited = now - since;
        return waited <= allowed
            ? new Finding(true, failing, $"{source}: no poll yet, {Seconds(waited)} after start{failures}.")
            : new Finding(false, failing, $"{source}: stale, no successful poll in {Seconds(waited)} (allowed {Seconds(allowed)}){failures}.");
    }

    private Finding JudgeData(TimeSpan metricInterval, DateTimeOffset now)
    {
        var allowed = metricInterval * IntervalsAllowed + PublicationDelay;
        var holder = lease.Holder ?? "another replica";
        if (live.NewestMetricTime is not { } newest)
        {
            var waited = now - _startedAt;
            return waited <= allowed
                ? new Finding(true, false, $"Metrics: polled by {holder}; no point seen yet, {Seconds(waited)} after start.")
                : new Finding(false, false, $"Metrics: polled by {holder}; stale, no point seen in {Seconds(waited)} (allowed {Seconds(allowed)}).");
        }
        var age = now - DateTimeOffset.FromUnixTimeSeconds(newest);
        return age <= allowed
            ? new Finding(true, false, $"Metrics: polled by {holder}; newest point {Seconds(age)} old.")
            : new Finding(false, false, $"Metrics: polled by {holder}; stale, newest point {Seconds(age)} old (allowed {Seconds(allowed)}).");
    }

    private static string Seconds(TimeSpan span) => Math.Max(0, span.TotalSeconds).ToString("0", CultureInfo.InvariantCulture) + " s";

    private sealed record Finding(bool Fresh, bool Failing, string Text);
}
