namespace Dashboard.Core.Metrics;

/// <summary>Conversions between what CloudWatch stores and what people read.</summary>
public static class Units
{
    /// <summary>ModelLatency and OverheadLatency are reported in microseconds.</summary>
    public static double MicrosecondsToMilliseconds(double microseconds) => microseconds / 1000.0;

    /// <summary>Error rate in percent; zero traffic means no errors rather than a division by zero.</summary>
    public static double ErrorRatePercent(double errors4xx, double errors5xx, double invocations) =>
        invocations <= 0 ? 0 : 100.0 * (errors4xx + errors5xx) / invocations;

    /// <summary>The value a chart shows for a stored value of the metric: latency in ms, everything else as stored.</summary>
    public static double ForDisplay(string metricName, double stored) =>
        SageMakerMetrics.IsLatency(metricName) ? MicrosecondsToMilliseconds(stored) : stored;

    public static string DisplayUnit(string metricName) => metricName switch
    {
        SageMakerMetrics.ModelLatency or SageMakerMetrics.OverheadLatency => "ms",
        SageMakerMetrics.CpuUtilization or SageMakerMetrics.MemoryUtilization or SageMakerMetrics.DiskUtilization
            or SageMakerMetrics.GpuUtilization or SageMakerMetrics.GpuMemoryUtilization => "%",
        _ when SageMakerMetrics.IsDrift(metricName) => "distance",
        _ => "count",
    };
}
