using System.Globalization;
using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Metrics;

namespace Dashboard.Core.Alarms;

/// <summary>An alarm in words, and its values in the units people read (latency in ms although stored in µs).</summary>
public static class AlarmText
{
    /// <summary>The unit the alarm's values are shown in ("ms", "%", "count"), or "" for math and composites.</summary>
    public static string Unit(AlarmDefinition alarm) => alarm.Metric is { } metric && alarm.Kind != AlarmKind.MetricMath
        ? Units.DisplayUnit(metric.MetricName)
        : "";

    public static double ForDisplay(AlarmDefinition alarm, double stored) =>
        alarm.Metric is { } metric && alarm.Kind != AlarmKind.MetricMath ? Units.ForDisplay(metric.MetricName, stored) : stored;

    public static double ToStored(AlarmDefinition alarm, double display) =>
        alarm.Metric is { } metric && alarm.Kind != AlarmKind.MetricMath && SageMakerMetrics.IsLatency(metric.MetricName)
            ? display * 1000.0
            : display;

    /// <summary>What the alarm watches: "ModelLatency p90 · AllTraffic", "100 * errors / invocations", the rule.</summary>
    public static string Watches(AlarmDefinition alarm) => alarm.Kind switch
    {
        AlarmKind.Composite => alarm.AlarmRule ?? "",
        AlarmKind.MetricMath => alarm.Expression ?? "",
        _ when alarm.Metric is { } metric => $"{metric.MetricName} {metric.Stat}" + (metric.VariantName is { } variant ? $" · {variant}" : ""),
        _ => "",
    };

    /// <summary>The condition in CloudWatch's terms: "> 1,000 ms for 3 of 3 periods of 1 min".</summary>
    public static string Condition(AlarmDefinition alarm)
    {
        if (alarm.Kind == AlarmKind.Composite)
        {
            return "ALARM when the rule is true";
        }
        var unit = Unit(alarm);
        var threshold = Number(ForDisplay(alarm, alarm.Threshold)) + (unit is "" or "count" ? "" : unit == "%" ? " %" : $" {unit}");
        var comparison = alarm.Comparison switch
        {
            ComparisonOperator.GreaterThanOrEqualToThreshold => $"≥ {threshold}",
            ComparisonOperator.GreaterThanThreshold => $"> {threshold}",
            ComparisonOperator.LessThanThreshold => $"< {threshold}",
            ComparisonOperator.LessThanOrEqualToThreshold => $"≤ {threshold}",
            ComparisonOperator.LessThanLowerOrGreaterThanUpperThreshold => $"outside the baseline band ±{Number(alarm.BandWidth)}σ",
            ComparisonOperator.LessThanLowerThreshold => $"below the baseline band −{Number(alarm.BandWidth)}σ",
            _ => $"above the baseline band +{Number(alarm.BandWidth)}σ",
        };
        return $"{comparison} for {alarm.DatapointsToAlarm} of {alarm.EvaluationPeriods} periods of {Duration(alarm.Period)}";
    }

    public static string Duration(long seconds) => seconds switch
    {
        < 60 => $"{seconds} s",
        < 3600 when seconds % 60 == 0 => $"{seconds / 60} min",
        _ when seconds % 3600 == 0 => $"{seconds / 3600} h",
        _ => $"{seconds / 60} min",
    };

    public static string Number(double value) =>
        Math.Abs(value) >= 100 || value == Math.Round(value)
            ? value.ToString("#,0.##", CultureInfo.InvariantCulture)
            : value.ToString("0.###", CultureInfo.InvariantCulture);
}
