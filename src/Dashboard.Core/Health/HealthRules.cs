using System.Globalization;
using Dashboard.Core.Baselines;
using Dashboard.Core.Fleet;
using Dashboard.Core.SageMaker;

namespace Dashboard.Core.Health;

/// <summary>
/// Turns an endpoint's status and latest signals into one level and the reasons for it. Every rule runs and the level
/// is the worst one that fired, so a manager sees all problems at once rather than the first one found.
/// </summary>
public static class HealthRules
{
    public static HealthAssessment Assess(EndpointState endpoint, HealthSignals signals) =>
        Assess(endpoint, signals, HealthThresholds.Default);

    /// <summary>Every rule at once, as of the signals' moment: <see cref="AssessState"/> and <see cref="AssessMetrics"/> together.</summary>
    public static HealthAssessment Assess(EndpointState endpoint, HealthSignals signals, HealthThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return Run(endpoint, signals, thresholds);
    }

    /// <summary>
    /// The rules about what the endpoint is now (its status, whether data arrives): facts that count at once, with no
    /// hysteresis.
    /// </summary>
    public static HealthAssessment AssessState(EndpointState endpoint, HealthSignals signals)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return Run(endpoint, signals, null);
    }

    /// <summary>
    /// The rules about the metrics over one window (error rate, latency, utilisation, drift): what
    /// <see cref="HealthHysteresis"/> holds for a minimum duration before the level changes.
    /// </summary>
    public static HealthAssessment AssessMetrics(HealthSignals signals, HealthThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        return Run(null, signals, thresholds);
    }

    /// <summary>The state rules when an endpoint is given, the metric rules when thresholds are, in one list in rule order.</summary>
    private static HealthAssessment Run(EndpointState? endpoint, HealthSignals signals, HealthThresholds? thresholds)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var findings = new List<(HealthLevel Level, string Reason)>();
        if (endpoint is not null)
        {
            CheckStatus(endpoint, findings);
        }
        if (thresholds is not null)
        {
            CheckErrorRate(signals, thresholds, findings);
            CheckLatency(signals, thresholds, findings);
            CheckAbove(signals.CpuPercentOfCapacity, thresholds.CpuDegradedPercentOfCapacity, "CPU", "% of capacity", findings);
            CheckAbove(signals.MemoryPercent, thresholds.MemoryDegradedPercent, "Memory", "%", findings);
            CheckAbove(signals.GpuMemoryPercent, thresholds.GpuMemoryDegradedPercent, "GPU memory", "%", findings);
            CheckDrift(signals, findings);
            CheckQuality(signals, findings);
        }
        if (endpoint is not null)
        {
            CheckFreshness(signals, findings);
        }
        return ToAssessment(findings);
    }

    /// <summary>The worst level of several assessments and all their reasons, worst first (stable within a level).</summary>
    public static HealthAssessment Worst(params IReadOnlyList<HealthAssessment> assessments)
    {
        ArgumentNullException.ThrowIfNull(assessments);
        return assessments.Count == 0 ? HealthAssessment.Healthy : new HealthAssessment(
            assessments.Max(a => a.Level),
            assessments.OrderByDescending(a => a.Level).SelectMany(a => a.Reasons).ToList());
    }

    private static HealthAssessment ToAssessment(List<(HealthLevel Level, string Reason)> findings)
    {
        if (findings.Count == 0)
        {
            return HealthAssessment.Healthy;
        }

        // Stable sort: worst first, and within a level the order the rules are listed in.
        var ordered = findings.Select((f, i) => (f, i)).OrderByDescending(x => x.f.Level).ThenBy(x => x.i).ToList();
        return new HealthAssessment(ordered[0].f.Level, ordered.Select(x => x.f.Reason).ToList());
    }

    private static void CheckStatus(EndpointState endpoint, List<(HealthLevel, string)> findings)
    {
        var status = endpoint.Status;
        switch (status)
        {
            case EndpointStatuses.InService:
                return;
            case EndpointStatuses.Failed or EndpointStatuses.UpdateRollbackFailed or EndpointStatuses.OutOfService:
                var why = string.IsNullOrWhiteSpace(endpoint.FailureReason) ? "endpoint is not serving" : endpoint.FailureReason.Trim();
                findings.Add((HealthLevel.Critical, $"{status}: {why}"));
                return;
            case EndpointStatuses.Updating or EndpointStatuses.SystemUpdating or EndpointStatuses.RollingBack:
                findings.Add((HealthLevel.Degraded, $"{status}: deployment in progress"));
                return;
            case EndpointStatuses.Creating:
                findings.Add((HealthLevel.Degraded, $"{status}: endpoint is being created"));
                return;
            case EndpointStatuses.Deleting:
                findings.Add((HealthLevel.Degraded, $"{status}: endpoint is being deleted"));
                return;
            default:
                // A status added by SageMaker after this was written: not known to be fine, so do not call it healthy.
                findings.Add((HealthLevel.Degraded, $"Status '{status}' is not one the dashboard knows"));
                return;
        }
    }

    private static void CheckErrorRate(HealthSignals signals, HealthThresholds thresholds, List<(HealthLevel, string)> findings)
    {
        if (signals.ErrorRatePercent is not { } rate || !double.IsFinite(rate))
        {
            return;
        }
        // With the calls behind the rate known, the rate must be above the limit with the stated confidence: the lower
        // bound of its exact binomial interval, so 1 failure in 60 calls is not "1.7 %, degraded".
        var (surely, calls) = signals.ErrorRateInvocations is { } n && n > 0
            ? (new OutlierRule(thresholds.Confidence).RateInterval(rate / 100 * n, n).Lower, Format($", {Math.Round(rate / 100 * n):N0} of {n:N0} calls"))
            : (rate, "");
        var sure = calls.Length == 0 ? "" : Format($" with {thresholds.Confidence * 100:0.#} % confidence");
        if (surely > thresholds.ErrorRateCriticalPercent)
        {
            findings.Add((HealthLevel.Critical, Format($"5XX+4XX error rate {rate:0.0#} %{calls} (critical above {thresholds.ErrorRateCriticalPercent:0.##} %{sure})")));
        }
        else if (surely > thresholds.ErrorRateDegradedPercent)
        {
            findings.Add((HealthLevel.Degraded, Format($"5XX+4XX error rate {rate:0.0#} %{calls} (degraded above {thresholds.ErrorRateDegradedPercent:0.##} %{sure})")));
        }
    }

    private static void CheckLatency(HealthSignals signals, HealthThresholds thresholds, List<(HealthLevel, string)> findings)
    {
        if (signals.P90LatencyMs is not { } p90 || !double.IsFinite(p90))
        {
            return;
        }

        // The z rule only applies with a baseline; it already quotes the latency, so the absolute rule stays quiet then.
        if (signals.LatencyZ is { } z && double.IsFinite(z))
        {
            var baseline = signals.P90LatencyBaselineMs is { } b ? Format($" (baseline {b:N0} ms)") : "";
            if (z > thresholds.LatencyZCritical)
            {
                findings.Add((HealthLevel.Critical, Format($"p90 model latency {p90:N0} ms{baseline} is {z:0.0} robust SD above its baseline (critical above {thresholds.LatencyZCritical:0.##})")));
                return;
            }
            if (z > thresholds.LatencyZDegraded)
            {
                findings.Add((HealthLevel.Degraded, Format($"p90 model latency {p90:N0} ms{baseline} is {z:0.0} robust SD above its baseline (degraded above {thresholds.LatencyZDegraded:0.##})")));
                return;
            }
        }

        if (p90 > thresholds.LatencyDegradedMs)
        {
            findings.Add((HealthLevel.Degraded, Format($"p90 model latency {p90:N0} ms (degraded above {thresholds.LatencyDegradedMs:N0} ms)")));
        }
    }

    private static void CheckAbove(double? value, double threshold, string what, string unit, List<(HealthLevel, string)> findings)
    {
        if (value is { } v && double.IsFinite(v) && v > threshold)
        {
            findings.Add((HealthLevel.Degraded, Format($"{what} {v:0.#} {unit} (degraded above {threshold:0.##} {unit})")));
        }
    }

    /// <summary>
    /// One finding for drift, whichever measured it: the dashboard's own score (each feature against its own threshold)
    /// when it is over, naming Model Monitor's too when that agrees; else Model Monitor's CloudWatch metric.
    /// </summary>
    private static void CheckDrift(HealthSignals signals, List<(HealthLevel, string)> findings)
    {
        var monitor = signals.MaxDriftScore is { } score && double.IsFinite(score) && score > signals.DriftThreshold ? score : (double?)null;
        var monitorFeature = string.IsNullOrWhiteSpace(signals.DriftFeature) ? "a feature" : $"feature '{signals.DriftFeature}'";
        if (signals.OwnDrift is { } own && double.IsFinite(own.Score) && own.Threshold > 0 && own.Score >= own.Threshold)
        {
            var agrees = monitor is { } m ? Format($"; Model Monitor agrees ({monitorFeature}: {m:0.###})") : "";
            findings.Add((HealthLevel.Degraded, Format(
                $"Data drift on feature '{own.Feature}': score {own.Score:0.###}, {own.Score / own.Threshold:0.0}× its threshold {own.Threshold:0.###}{agrees}")));
        }
        else if (monitor is { } m)
        {
            findings.Add((HealthLevel.Degraded, Format($"Data drift on {monitorFeature}: score {m:0.###} (threshold {signals.DriftThreshold:0.###})")));
        }
    }

    private static void CheckQuality(HealthSignals signals, List<(HealthLevel, string)> findings)
    {
        if (signals.Quality is { Worse: true } q)
        {
            var side = q.HigherIsBetter ? "below" : "above";
            findings.Add((HealthLevel.Degraded, Format(
                $"Model quality: {q.Metric} {q.Value:0.###} over the last day (95 % interval {q.Low:0.###}–{q.High:0.###}, {q.Labelled:N0} labelled) is {side} the baseline's {q.Baseline:0.###}")));
        }
    }

    private static void CheckFreshness(HealthSignals signals, List<(HealthLevel, string)> findings)
    {
        if (signals.DataAsOf is not { } asOf)
        {
            findings.Add((HealthLevel.Degraded, "No metric data received yet"));
            return;
        }
        var age = signals.Now - asOf;
        if (age > signals.StaleAfter)
        {
            findings.Add((HealthLevel.Degraded, Format(
                $"Data delayed since {asOf.UtcDateTime:yyyy-MM-dd HH:mm} UTC ({Minutes(age)} ago, expected within {Minutes(signals.StaleAfter)})")));
        }
    }

    private static string Minutes(TimeSpan span) =>
        span.TotalMinutes >= 120 ? Format($"{span.TotalHours:0.#} h") : Format($"{Math.Round(span.TotalMinutes):0} min");

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
