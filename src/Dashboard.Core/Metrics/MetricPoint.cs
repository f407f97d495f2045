namespace Dashboard.Core.Metrics;

/// <summary>One datapoint: <see cref="Time"/> is the start of its period in Unix seconds (UTC).</summary>
public readonly record struct MetricPoint(long Time, double Value);
