namespace Dashboard.Simulator.Scenario;

/// <summary>How the individual samples of one minute are spread, so any percentile of the minute can be derived.</summary>
public enum SampleDistribution
{
    /// <summary>Every sample has the value <see cref="MinuteSample.Center"/> (Invocations, drift distances).</summary>
    Constant,

    /// <summary>Samples are 0 or 1; <see cref="MinuteSample.Center"/> is the share of ones (error metrics).</summary>
    Bernoulli,

    /// <summary>Lognormal with median <see cref="MinuteSample.Center"/> and shape <see cref="MinuteSample.Spread"/> (latency).</summary>
    LogNormal,

    /// <summary>Normal around <see cref="MinuteSample.Center"/> with deviation <see cref="MinuteSample.Spread"/>, clamped to Min..Max (utilisation across instances).</summary>
    Normal,
}

/// <summary>
/// What CloudWatch would hold for one metric in one minute: the statistic set (count, sum, min, max) plus the
/// shape of the samples for percentiles. A value type so generating weeks of minutes allocates nothing.
/// </summary>
public readonly record struct MinuteSample(
    double Count,
    double Sum,
    double Minimum,
    double Maximum,
    SampleDistribution Distribution,
    double Center,
    double Spread)
{
    public double Average => Count > 0 ? Sum / Count : 0;

    public double Percentile(double quantile) => Distribution switch
    {
        SampleDistribution.Constant => Center,
        SampleDistribution.Bernoulli => quantile > 1 - Center ? 1 : 0,
        SampleDistribution.LogNormal => Math.Clamp(Center * Math.Exp(Spread * NormalQuantile.Z(quantile)), Minimum, Maximum),
        _ => Math.Clamp(Center + Spread * NormalQuantile.Z(quantile), Minimum, Maximum),
    };
}

/// <summary>Folds minute samples into the statistic of a longer period, as CloudWatch aggregates stored minutes.</summary>
public struct PeriodAccumulator
{
    private double _count;
    private double _sum;
    private double _min;
    private double _max;
    private double _weightedPercentile;
    private int _minutes;

    public readonly bool HasData => _minutes > 0;

    public void Add(in MinuteSample sample, in Statistic statistic)
    {
        if (_minutes == 0)
        {
            _min = sample.Minimum;
            _max = sample.Maximum;
        }
        else
        {
            _min = Math.Min(_min, sample.Minimum);
            _max = Math.Max(_max, sample.Maximum);
        }
        _minutes++;
        _count += sample.Count;
        _sum += sample.Sum;
        if (statistic.Kind == StatisticKind.Percentile)
        {
            // An approximation CloudWatch does not make (it keeps sketches), but close enough for a simulator:
            // the sample-weighted mean of the minutes' percentiles.
            _weightedPercentile += sample.Count * sample.Percentile(statistic.Quantile);
        }
    }

    public readonly double Result(in Statistic statistic) => statistic.Kind switch
    {
        StatisticKind.SampleCount => _count,
        StatisticKind.Sum => _sum,
        StatisticKind.Average => _count > 0 ? _sum / _count : 0,
        StatisticKind.Minimum => _min,
        StatisticKind.Maximum => _max,
        _ => _count > 0 ? _weightedPercentile / _count : 0,
    };
}
