using BenchmarkDotNet.Attributes;
using Dashboard.Core.Metrics;

namespace Dashboard.Benchmarks;

/// <summary>
/// Target 1: one backfill page (200 series × one UTC day = 288,000 points) into a fresh database, through the
/// chunked writer and, as the baseline, through a plain prepared single-row INSERT. Points/s = 288,000 / mean.
/// </summary>
[Config(typeof(PercentileConfig))]
public class IngestBenchmarks
{
    private List<SeriesPoints> _page = [];
    private string _path = "";
    private BenchStorage? _storage;
    private RowPerPointBaseline? _rows;

    [GlobalSetup]
    public void Setup() => _page = SyntheticFleet.Day(10, SyntheticFleet.End - 86_400);

    [IterationSetup(Target = nameof(ChunkedWriter))]
    public void SetupChunked()
    {
        _path = BenchStorage.TempPath("bdn-ingest");
        _storage = BenchStorage.CreateAsync(_path).GetAwaiter().GetResult();
    }

    [IterationCleanup(Target = nameof(ChunkedWriter))]
    public void CleanupChunked()
    {
        _storage!.DisposeAsync().AsTask().GetAwaiter().GetResult();
        BenchStorage.Delete(_path);
    }

    [IterationSetup(Target = nameof(RowPerPointInsert))]
    public void SetupRows()
    {
        _path = BenchStorage.TempPath("bdn-rows");
        _rows = new RowPerPointBaseline(_path);
    }

    [IterationCleanup(Target = nameof(RowPerPointInsert))]
    public void CleanupRows()
    {
        _rows!.Dispose();
        BenchStorage.Delete(_path);
    }

    [Benchmark]
    public Task<int> ChunkedWriter() => _storage!.Writer.WriteAsync(_page);

    [Benchmark(Baseline = true)]
    public int RowPerPointInsert() => _rows!.Write(_page);
}
