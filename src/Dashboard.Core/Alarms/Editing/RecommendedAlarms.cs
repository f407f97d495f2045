using System.Globalization;
using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms;
using Dashboard.Core.Drift;
using Dashboard.Core.Fleet;
using Dashboard.Core.Metrics;

namespace Dashboard.Core.Alarms.Editing;

/// <summary>An alarm the dashboard suggests for an endpoint, with the reason in plain words.</summary>
public sealed record RecommendedAlarm(AlarmDefinition Alarm, string Why);

/// <summary>
/// The alarms every SageMaker endpoint should have, built from the series actually stored for it (so each alarm reads
/// real history from its first evaluation). Missing data counts as not breaching: an endpoint without traffic has no
/// latency and no errors, and should not sit in INSUFFICIENT_DATA.
/// </summary>
public static class RecommendedAlarms
{
    /// <param name="traffic">Each variant's typical requests a minute (<see cref="EndpointTraffic"/>), which sizes the error-rate alarm.</param>
    /// <param name="standing">The drift reader's last standing of the endpoint: its baseline quality sets the quality alarm's threshold.</param>
    public static IReadOnlyList<RecommendedAlarm> For(EndpointState endpoint, IReadOnlyCollection<SeriesKey> stored, double driftThreshold,
        IReadOnlyDictionary<string, double>? traffic = null, DriftStanding? standing = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(stored);
        var list = new List<RecommendedAlarm>();
        foreach (var variant in endpoint.Variants)
        {
            SeriesKey? Find(string metric, string stat) => stored.FirstOrDefault(k =>
                k.MetricName == metric && k.Stat == stat && k.VariantName == variant.Name && k.EndpointName == endpoint.Name
                && k.DimensionList.Count == 2);

            var prefix = $"{endpoint.Name}-{variant.Name}";
            if (Find(SageMakerMetrics.ModelLatency, "p90") is { } latency)
            {
                list.Add(new(Metric($"{prefix}-latency-p90", latency, 5, 5, 1_000_000) with
                {
                    Description = "ModelLatency p90 above 1,000 ms for 5 minutes.",
                }, "One request in ten has waited more than a second for the model for five minutes in a row: users notice."));
            }

            if (Find(SageMakerMetrics.Invocation5XXErrors, "Sum") is { } errors && Find(SageMakerMetrics.Invocations, "Sum") is { } invocations)
            {
                var plan = ErrorRatePlan.For(traffic?.TryGetValue(variant.Name, out var perMinute) == true ? perMinute : null);
                list.Add(new(new AlarmDefinition
                {
                    Name = $"{prefix}-5xx-rate",
                    Description = $"5XX error rate above 1 % (with at least {plan.MinErrors} errors) in {plan.DatapointsToAlarm} of {plan.EvaluationPeriods} "
                        + $"periods of {Minutes(plan.Period)}.",
                    Kind = AlarmKind.MetricMath,
                    Metrics = [new AlarmMetric("errors", errors with { Period = plan.Period }), new AlarmMetric("invocations", invocations with { Period = plan.Period })],
                    Expression = $"IF(errors >= {plan.MinErrors}, 100 * errors / invocations, 0)",
                    Period = plan.Period,
                    EvaluationPeriods = plan.EvaluationPeriods,
                    DatapointsToAlarm = plan.DatapointsToAlarm,
                    Threshold = 1,
                    TreatMissingData = TreatMissingData.NotBreaching,
                }, plan.Why(variant.Name)));
            }

            var type = InstanceTypes.Find(variant.InstanceType);
            if (Find(SageMakerMetrics.CpuUtilization, "Average") is { } cpu && type is not null)
            {
                var ceiling = type.CpuCeilingPercent;
                list.Add(new(Metric($"{prefix}-cpu", cpu, 15, 15, 0.7 * ceiling) with
                {
                    Description = $"CPU above 70 % of {type.Name}'s {type.VCpus} vCPUs ({Percent(0.7 * ceiling)}) for 15 minutes.",
                }, $"CPUUtilization is the sum over {type.VCpus} vCPUs (up to {Percent(ceiling)}); 70 % of that for a quarter of an hour means the variant needs more instances."));
            }

            if (Find(SageMakerMetrics.MemoryUtilization, "Average") is { } memory)
            {
                list.Add(new(Metric($"{prefix}-memory", memory, 5, 5, 85) with
                {
                    Description = "Memory above 85 % for 5 minutes.",
                }, "Above 85 % the model server is close to being killed for lack of memory."));
            }

            if (Find(SageMakerMetrics.GpuMemoryUtilization, "Average") is { } gpuMemory && type is { HasGpu: true })
            {
                list.Add(new(Metric($"{prefix}-gpu-memory", gpuMemory, 5, 5, 0.9 * type.GpuCeilingPercent) with
                {
                    Description = $"GPU memory above 90 % of {type.Gpus} GPU(s) for 5 minutes.",
                }, "Above 90 % of GPU memory, larger batches or longer inputs fail with out-of-memory errors."));
            }
        }

        foreach (var drift in stored.Where(k => SageMakerMetrics.IsDrift(k.MetricName) && k.EndpointName == endpoint.Name).OrderBy(k => k.MetricName))
        {
            var feature = drift.MetricName[SageMakerMetrics.DriftPrefix.Length..];
            list.Add(new(Metric($"{endpoint.Name}-drift-{feature}", drift, 1, 1, driftThreshold) with
            {
                Description = $"Drift of feature '{feature}' above {driftThreshold.ToString(CultureInfo.InvariantCulture)}.",
            }, $"Model Monitor measured '{feature}' drifting from its training baseline by more than the threshold; predictions on it may be off."));
        }
        list.AddRange(DriftAlarms.For(endpoint.Name, stored, standing));
        return list;
    }

    private static AlarmDefinition Metric(string name, SeriesKey series, int evaluationPeriods, int datapointsToAlarm, double threshold) => new()
    {
        Name = name,
        Kind = AlarmKind.Metric,
        Metric = series,
        Period = series.Period,
        EvaluationPeriods = evaluationPeriods,
        DatapointsToAlarm = datapointsToAlarm,
        Comparison = ComparisonOperator.GreaterThanThreshold,
        Threshold = threshold,
        TreatMissingData = TreatMissingData.NotBreaching,
    };

    private static string Minutes(int seconds) => seconds == 60 ? "1 minute" : $"{seconds / 60} minutes";

    private static string Percent(double value) => value.ToString("#,0", CultureInfo.InvariantCulture) + " %";
}
