using Dashboard.Core.CloudWatch;
using Dashboard.Simulator.Scenario;

namespace Dashboard.Simulator.CloudWatch;

/// <summary>
/// The periods of one query that may hold data: aligned to StartTime (floored to the minute), complete before
/// "now", inside CloudWatch's retention for that period, and not entirely before the metric existed.
/// </summary>
internal readonly struct BucketWindow
{
    private readonly long _firstBucketMinute;
    private readonly long _endMinute;
    private readonly int _periodMinutes;
    private readonly long _lowIndex;

    private BucketWindow(SimulatedSeries? series, long firstBucketMinute, long endMinute, int periodMinutes, long lowIndex, long count)
    {
        Series = series;
        _firstBucketMinute = firstBucketMinute;
        _endMinute = endMinute;
        _periodMinutes = periodMinutes;
        _lowIndex = lowIndex;
        Count = count;
    }

    public SimulatedSeries? Series { get; }

    /// <summary>How many periods to look at (some may still turn out empty).</summary>
    public long Count { get; }

    public static BucketWindow For(ValidatedQuery query, SimulatedSeries? series, GetMetricDataRequest request, long nowMinute)
    {
        if (series is null)
        {
            return default;
        }
        var period = query.Period / 60;
        var first = LoadModel.FloorDiv(request.StartTime.ToUnixTimeSeconds(), 60);
        // EndTime is exclusive: a minute counts when it starts before EndTime.
        var end = LoadModel.FloorDiv(request.EndTime.ToUnixTimeMilliseconds() + 59_999, 60_000);
        var total = (end - first + period - 1) / period;

        var earliest = Math.Max(nowMinute - RetentionMinutes(query.Period),
            LoadModel.FloorDiv(series.CreationTime.ToUnixTimeSeconds(), 60) - period + 1);
        var low = Math.Max(0, CeilDiv(earliest - first, period));
        // A period is returned only once it has fully elapsed.
        var high = Math.Min(total - 1, LoadModel.FloorDiv(nowMinute - period - first, period));
        return high < low ? default : new BucketWindow(series, first, end, period, low, high - low + 1);
    }

    /// <summary>The start and length (seconds) of the period at <paramref name="position"/> in scan order.</summary>
    public (DateTimeOffset Start, int Seconds) Bucket(long position, bool ascending)
    {
        var index = ascending ? _lowIndex + position : _lowIndex + Count - 1 - position;
        var start = _firstBucketMinute + index * _periodMinutes;
        var minutes = (int)Math.Min(_periodMinutes, _endMinute - start);
        return (DateTimeOffset.FromUnixTimeSeconds(start * 60), minutes * 60);
    }

    /// <summary>CloudWatch keeps 1-minute data 15 days, 5-minute data 63 days, hourly data 455 days.</summary>
    private static long RetentionMinutes(int periodSeconds) => periodSeconds % 3600 == 0 ? 455L * 1440
        : periodSeconds % 300 == 0 ? 63L * 1440
        : 15L * 1440;

    private static long CeilDiv(long value, long divisor) => -LoadModel.FloorDiv(-value, divisor);
}
