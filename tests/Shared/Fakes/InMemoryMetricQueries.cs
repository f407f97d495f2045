using Dashboard.Core.Metrics;
using Dashboard.Core.Storage;

namespace Dashboard.Tests.Shared;

/// <summary>Stored history in memory, answering as the SQLite queries do; counts reads and can hold them open.</summary>
internal sealed class InMemoryMetricQueries : IMetricQueries
{
    private readonly Dictionary<SeriesKey, List<MetricPoint>> _series = [];
    private int _readCalls;

    /// <summary>Reads so far, for the caching tests.</summary>
    public int ReadCalls => Volatile.Read(ref _readCalls);

    public (long From, long To) LastRead { get; private set; }

    /// <summary>Awaited by every read with its range and token: lets a test hold a read open as a slow database would.</summary>
    public Func<long, long, CancellationToken, Task>? BeforeRead { get; set; }

    /// <summary>While set and not completed, listing series waits for it (a slow database), e.g. to close a page mid-load.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public void Add(SeriesKey key, IEnumerable<MetricPoint> points)
    {
        if (!_series.TryGetValue(key, out var list))
        {
            _series[key] = list = [];
        }
        list.AddRange(points);
        list.Sort((a, b) => a.Time.CompareTo(b.Time));
    }

    public async Task<IReadOnlyList<SeriesKey>> ListSeriesAsync(string endpointName, CancellationToken cancellationToken = default)
    {
        if (Gate is { } gate)
        {
            await gate.Task;
        }
        return _series.Keys.Where(k => k.EndpointName == endpointName).ToList();
    }

    public Task<long?> HistoryStartAsync(string endpointName, CancellationToken cancellationToken = default) =>
        Task.FromResult(_series.Where(s => s.Key.EndpointName == endpointName && s.Value.Count > 0).Select(s => (long?)s.Value[0].Time).Min());

    // A series added with no points has no watermark, as in SQLite.
    public Task<IReadOnlyDictionary<SeriesKey, long>> GetWatermarksAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<SeriesKey, long>>(_series.Where(s => s.Value.Count > 0).ToDictionary(s => s.Key, s => s.Value[^1].Time));

    public async Task<IReadOnlyDictionary<SeriesKey, IReadOnlyList<MetricPoint>>> ReadAsync(IReadOnlyList<SeriesKey> keys, long from, long to,
        CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _readCalls);
        LastRead = (from, to);
        if (BeforeRead is not null)
        {
            await BeforeRead(from, to, cancellationToken);
        }
        return keys.Distinct().ToDictionary(k => k,
            k => (IReadOnlyList<MetricPoint>)(_series.GetValueOrDefault(k) ?? []).Where(p => p.Time >= from && p.Time < to).ToList());
    }

    /// <summary>The tiers as the SQLite store keeps them: each day's points aggregated, buckets overlapping the range.</summary>
    public async Task<IReadOnlyDictionary<SeriesKey, IReadOnlyList<RollupPoint>>> ReadTierAsync(IReadOnlyList<SeriesKey> keys, long from, long to, int step,
        CancellationToken cancellationToken = default)
    {
        if (step == Rollups.Minute)
        {
            var minutes = await ReadAsync(keys, from, to, cancellationToken);
            return minutes.ToDictionary(m => m.Key, m => (IReadOnlyList<RollupPoint>)Rollups.AsBuckets(m.Value));
        }
        Interlocked.Increment(ref _readCalls);
        LastRead = (from, to);
        if (BeforeRead is not null)
        {
            await BeforeRead(from, to, cancellationToken);
        }
        return keys.Distinct().ToDictionary(k => k, k => (IReadOnlyList<RollupPoint>)Rollups.Aggregate((_series.GetValueOrDefault(k) ?? []).ToArray(), step)
            .Where(b => Rollups.Overlaps(b.Time, step, from, to)).ToList());
    }
}
