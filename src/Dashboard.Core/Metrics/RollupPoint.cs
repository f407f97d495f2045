namespace Dashboard.Core.Metrics;

/// <summary>
/// One bucket of a rolled-up tier: the minutes in [<see cref="Time"/>, Time + step) summarised by their smallest,
/// largest and summed values and how many there were. Sum and count rather than a stored mean, so buckets can be
/// merged exactly and a chart can still draw the mean (<see cref="Mean"/>) or a min–max envelope.
/// </summary>
public readonly record struct RollupPoint(long Time, double Min, double Max, double Sum, int Count)
{
    public double Mean => Sum / Count;

    /// <summary>The bucket as a line point at its start, valued at its mean: what a chart draws.</summary>
    public MetricPoint ToMean() => new(Time, Mean);
}
