using System.Globalization;
using Dashboard.Core.Metrics;
using MathNet.Numerics.Distributions;

namespace Dashboard.Core.Baselines;

/// <summary>How a series' points are judged against their band.</summary>
public enum OutlierKind
{
    /// <summary>A measured value (latency, utilisation): outside when the value is outside the band.</summary>
    Value,

    /// <summary>Events per minute: outside when the value's Poisson interval lies wholly outside the band.</summary>
    Count,

    /// <summary>Errors / invocations in percent: outside when the binomial interval of that minute's errors lies wholly outside the band.</summary>
    Rate,
}

/// <summary>
/// When a chart marks a point red, and how sure the fleet page must be that an error rate is above its limit. A rate
/// or a count is judged by an exact interval at <see cref="Confidence"/> (Clopper–Pearson for rates, Garwood for
/// counts: unlike Wilson's, their bounds stay honest at 1 or 2 errors), so one error among 20 calls is not "5 %,
/// outside the band". A point is marked only inside a run of at least <see cref="MinRunMinutes"/> consecutive outlying
/// minutes on the same side, so isolated noisy minutes are never red at any range while incidents are. A long range
/// drawn from a rolled-up tier judges each bucket's per-minute mean (<see cref="StepSeconds"/>) with the traffic of its
/// whole bucket, and a run's length is its buckets' minutes.
/// </summary>
public sealed record OutlierRule(double Confidence = 0.99, int MinRunMinutes = 3, int StepSeconds = 60)
{
    public static OutlierRule Default { get; } = new();


    /// <summary>Two points more than three steps apart break a run (a minute or two without data is not a recovery).</summary>
    private long RunGapSeconds => 3L * StepSeconds;

    /// <summary>Minutes behind one point: a count or a rate's traffic per minute times this is the bucket's whole.</summary>
    private double MinutesPerPoint => StepSeconds / 60.0;

    /// <summary>Exact (Clopper–Pearson) interval of the error rate <paramref name="errors"/> / <paramref name="trials"/>, in percent.</summary>
    public (double Lower, double Upper) RateInterval(double errors, double trials)
    {
        if (!(trials > 0))
        {
            return (0, 100);
        }
        var x = Math.Clamp(Math.Round(errors), 0, Math.Round(trials));
        var n = Math.Max(Math.Round(trials), x);
        var alpha = 1 - Confidence;
        var lower = x <= 0 ? 0 : Beta.InvCDF(x, n - x + 1, alpha / 2);
        var upper = x >= n ? 1 : Beta.InvCDF(x + 1, n - x, 1 - alpha / 2);
        return (100 * lower, 100 * upper);
    }

    /// <summary>Exact (Garwood) interval of the Poisson mean behind <paramref name="count"/> events.</summary>
    public (double Lower, double Upper) CountInterval(double count)
    {
        var x = Math.Max(0, Math.Round(count));
        var alpha = 1 - Confidence;
        var lower = x <= 0 ? 0 : Gamma.InvCDF(x, 1, alpha / 2);
        return (lower, Gamma.InvCDF(x + 1, 1, 1 - alpha / 2));
    }

    /// <summary>+1 when the point is surely above the band, −1 surely below, 0 otherwise.</summary>
    /// <param name="trials">Invocations behind a <see cref="OutlierKind.Rate"/> point; ignored for other kinds.</param>
    public int Side(OutlierKind kind, double value, BaselineBand band, double trials = 0)
    {
        ArgumentNullException.ThrowIfNull(band);
        if (!double.IsFinite(value))
        {
            return 0;
        }
        var m = MinutesPerPoint;
        var (lower, upper) = kind switch
        {
            OutlierKind.Count => PerMinute(CountInterval(value * m), m),
            OutlierKind.Rate => RateInterval(value / 100 * trials * m, trials * m),
            _ => (value, value),
        };
        return lower > band.Upper ? 1 : upper < band.Lower ? -1 : 0;
    }

    private static (double Lower, double Upper) PerMinute((double Lower, double Upper) interval, double minutes) =>
        (interval.Lower / minutes, interval.Upper / minutes);

    /// <summary>
    /// The points to mark: those judged outside the band of their hour (<see cref="Side"/>) within a run of at least
    /// <see cref="MinRunMinutes"/> consecutive outlying points on the same side, in input order. Points in hours
    /// without a band, with a fallback band (<see cref="BaselineBand.IsFallback"/>: weekend judged by weekdays, or the
    /// reverse) or a thin one (<see cref="BaselineBand.IsThin"/>: too few days behind it) are never outliers: no fitting
    /// history means no judgement.
    /// </summary>
    /// <param name="points">Sorted by time, one per <see cref="StepSeconds"/>.</param>
    /// <param name="bands">Sorted by Start and not overlapping, as both baseline rules return them.</param>
    /// <param name="trials">Invocations per minute behind a <see cref="OutlierKind.Rate"/> series (by time).</param>
    public IReadOnlyList<MetricPoint> Find(IReadOnlyList<MetricPoint> points, IReadOnlyList<BaselineBand> bands, OutlierKind kind,
        IReadOnlyDictionary<long, double>? trials = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(bands);
        var marked = new List<MetricPoint>();
        if (bands.Count == 0)
        {
            return marked;
        }
        var run = new List<MetricPoint>();
        var runSide = 0;
        BaselineBand? band = null;
        foreach (var point in points)
        {
            if (band is null || point.Time < band.Start || point.Time >= band.End)
            {
                band = BaselineBands.At(bands, point.Time);
            }
            var side = band is null || band.IsFallback || band.IsThin ? 0 : Side(kind, point.Value, band, trials?.GetValueOrDefault(point.Time) ?? 0);
            if (side == 0 || side != runSide || (run.Count > 0 && point.Time - run[^1].Time > RunGapSeconds))
            {
                Close(run, marked);
                runSide = side;
            }
            if (side != 0)
            {
                run.Add(point);
            }
        }
        Close(run, marked);
        return marked;
    }

    private void Close(List<MetricPoint> run, List<MetricPoint> marked)
    {
        if (run.Count * MinutesPerPoint >= MinRunMinutes)
        {
            marked.AddRange(run);
        }
        run.Clear();
    }

    /// <summary>The rule in one sentence, for the page.</summary>
    public string Describe()
    {
        var rule = string.Create(CultureInfo.InvariantCulture,
            $"Red marks runs of at least {MinRunMinutes} consecutive minutes outside the band (none against a fallback band or one learned from fewer than {SeasonalBaseline.MinMatchingDays} days); an error rate or a count counts as outside only when " +
            $"its {Confidence * 100:0.#} % interval for the traffic behind it (exact binomial for rates, Poisson for counts) lies wholly outside.");
        return StepSeconds > 60
            ? string.Create(CultureInfo.InvariantCulture, $"{rule} This range is drawn from {StepSeconds / 60}-minute means, and the band is learned from them too.")
            : rule;
    }
}
