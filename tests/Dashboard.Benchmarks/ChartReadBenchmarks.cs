using BenchmarkDotNet.Attributes;
using Dashboard.Core.Metrics;

namespace Dashboard.Benchmarks;

/// <summary>
/// Target 2: one endpoint's 30-day chart (its ~20 series, LTTB to 1,500 points each) from a database holding
/// 20 endpoints (400 series) of 1-minute data, from the minutes and from the tier a 1,500-point chart reads. Warm cache;
/// read the P95 column.
/// </summary>
[Config(typeof(PercentileConfig))]
public class ChartReadBenchmarks
{
    private const int Endpoints = 20;
    private const int Days = 30;
    private BenchStorage? _storage;
    private int _next;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _storage = await BenchStorage.CreateAsync(BenchStorage.TempPath("bdn-chart"));
        for (var d = Days; d >= 1; d--)
        {
            await _storage.Writer.WriteAsync(SyntheticFleet.Day(Endpoints, SyntheticFleet.End - d * 86_400L));
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_storage is not null)
        {
            await _storage.DisposeAsync();
            BenchStorage.Delete(_storage.Path);
        }
    }

    [Benchmark]
    public async Task<int> ThirtyDayChart()
    {
        var keys = await _storage!.Queries.ListSeriesAsync(SyntheticFleet.EndpointName(_next++ % Endpoints));
        var raw = await _storage.Queries.ReadAsync(keys, SyntheticFleet.End - Days * 86_400L, SyntheticFleet.End);
        var total = 0;
        foreach (var points in raw.Values)
        {
            total += Lttb.Downsample(points, 1500).Count;
        }
        return total;
    }

    /// <summary>The same chart from the tier <see cref="Rollups.StepFor"/> picks for 1,500 points (the quarter-hour tier).</summary>
    [Benchmark]
    public async Task<int> ThirtyDayChartFromTier()
    {
        const long from = SyntheticFleet.End - Days * 86_400L;
        var keys = await _storage!.Queries.ListSeriesAsync(SyntheticFleet.EndpointName(_next++ % Endpoints));
        var tiers = await _storage.Queries.ReadTierAsync(keys, from, SyntheticFleet.End, Rollups.StepFor(from, SyntheticFleet.End, 1500));
        var total = 0;
        foreach (var buckets in tiers.Values)
        {
            total += Lttb.Downsample(buckets.Select(b => b.ToMean()).ToArray(), 1500).Count;
        }
        return total;
    }
}
