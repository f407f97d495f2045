using System.Globalization;
using Dashboard.Core.Alarms.Editing;
using Dashboard.Core.CloudWatch;
using Dashboard.Core.Fleet;
using Dashboard.Core.Metrics;
using Dashboard.Core.Storage;

namespace Dashboard.Core.Deployments;

/// <summary>
/// Rollback alarms on the new fleet alone, as AWS advises for blue/green deployments: they read the series SageMaker
/// publishes with the new config's EndpointConfigName, so the old fleet can't trip them and a bad model trips them at
/// any hour — an endpoint-wide rate alarm sized for the day does not fire on a 30 % canary at night. Created in
/// CloudWatch (reset to OK) for each deployment that chose them.
/// </summary>
public static class NewFleetAlarms
{
    /// <summary>New fleet 5XX above 2 % of its requests in 2 minutes in a row: 0.05 % errors almost never does that, 6 % does at once.</summary>
    public const double ErrorRate = 0.02;

    /// <summary>New fleet ModelLatency p90 above this many times the variant's typical p90 for 3 minutes in a row.</summary>
    public const double LatencyFactor = 1.5;

    private const int TypicalDays = 1;

    public static string ErrorsName(string endpoint, string variant) => $"{endpoint}-{variant}-new-fleet-5xx-rate";

    public static string LatencyName(string endpoint, string variant) => $"{endpoint}-{variant}-new-fleet-latency-p90";

    /// <summary>The choices for an endpoint, with the latency threshold from its typical p90 over the last day.</summary>
    public static async Task<IReadOnlyList<RollbackAlarmChoice>> ChoicesAsync(EndpointState endpoint, IMetricQueries metrics, long now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(metrics);
        var typical = await TypicalP90MsAsync(endpoint.Name, metrics, now, cancellationToken);
        var choices = new List<RollbackAlarmChoice>();
        foreach (var variant in endpoint.Variants)
        {
            choices.Add(new RollbackAlarmChoice(ErrorsName(endpoint.Name, variant.Name),
                $"New fleet of {variant.Name}: 5XX errors above {ErrorRate * 100:0} % of its requests for 2 minutes in a row. Created for the deployment.",
                null, Recommended: true, InCloudWatch: true)
            { NewFleet = true });
            if (typical.TryGetValue(variant.Name, out var p90))
            {
                choices.Add(new RollbackAlarmChoice(LatencyName(endpoint.Name, variant.Name),
                    $"New fleet of {variant.Name}: ModelLatency p90 above {Ms(p90 * LatencyFactor)} ({LatencyFactor:0.#}× today's typical {Ms(p90)}) for 3 minutes. Created for the deployment.",
                    null, Recommended: true, InCloudWatch: true)
                { NewFleet = true });
            }
        }
        return choices;
    }

    /// <summary>The PutMetricAlarm requests for the new-fleet alarms a deployment chose, on its new config's series.</summary>
    public static async Task<IReadOnlyList<PutMetricAlarmRequest>> RequestsAsync(Deployment deployment, EndpointState endpoint, IMetricQueries metrics,
        long now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(endpoint);
        var typical = await TypicalP90MsAsync(endpoint.Name, metrics, now, cancellationToken);
        var requests = new List<PutMetricAlarmRequest>();
        foreach (var variant in endpoint.Variants)
        {
            Dimension[] dimensions = [new("EndpointName", endpoint.Name), new("VariantName", variant.Name), new("EndpointConfigName", deployment.NewConfig!)];
            var description = $"Rollback alarm of deployment #{deployment.Id}: the new fleet ({deployment.NewConfig}) of {variant.Name} only.";
            // Both read the new fleet's own series and ignore missing data; they differ in metric, statistic, minutes and threshold.
            PutMetricAlarmRequest Alarm(string name, string metric, int minutes, double threshold, string? statistic = null, string? percentile = null) =>
                new(name)
                {
                    AlarmDescription = description,
                    Namespace = SageMakerMetrics.InvocationNamespace,
                    MetricName = metric,
                    Dimensions = dimensions,
                    Statistic = statistic,
                    ExtendedStatistic = percentile,
                    Period = 60,
                    EvaluationPeriods = minutes,
                    DatapointsToAlarm = minutes,
                    Threshold = threshold,
                    ComparisonOperator = "GreaterThanThreshold",
                    TreatMissingData = "notBreaching",
                };
            if (deployment.Plan.RollbackAlarms.Contains(ErrorsName(endpoint.Name, variant.Name)))
            {
                requests.Add(Alarm(ErrorsName(endpoint.Name, variant.Name), SageMakerMetrics.Invocation5XXErrors, 2, ErrorRate, statistic: "Average"));
            }
            if (deployment.Plan.RollbackAlarms.Contains(LatencyName(endpoint.Name, variant.Name)) && typical.TryGetValue(variant.Name, out var p90))
            {
                requests.Add(Alarm(LatencyName(endpoint.Name, variant.Name), SageMakerMetrics.ModelLatency, 3, Math.Round(p90 * LatencyFactor * 1_000),
                    percentile: "p90"));
            }
        }
        return requests;
    }

    /// <summary>Variant → the median of its stored minute p90 ModelLatency over the last day, in ms.</summary>
    private static async Task<IReadOnlyDictionary<string, double>> TypicalP90MsAsync(string endpoint, IMetricQueries metrics, long now,
        CancellationToken cancellationToken)
    {
        var stored = await metrics.ListSeriesAsync(endpoint, cancellationToken);
        var keys = stored.Where(k => k.MetricName == SageMakerMetrics.ModelLatency && k.Stat == "p90" && k.Period == SageMakerMetrics.MinutePeriod
            && k.VariantName is not null && k.DimensionList.Count == 2).ToList();
        if (keys.Count == 0)
        {
            return new Dictionary<string, double>();
        }
        var read = await metrics.ReadAsync(keys, now - TypicalDays * 86_400L, now, cancellationToken);
        return read.Where(r => r.Value.Count > 0)
            .ToDictionary(r => r.Key.VariantName!, r => EndpointTraffic.Median(r.Value.Select(p => p.Value)) / 1_000, StringComparer.Ordinal);
    }

    private static string Ms(double ms) => ms.ToString(ms < 10 ? "0.#" : "#,##0", CultureInfo.InvariantCulture) + " ms";
}
