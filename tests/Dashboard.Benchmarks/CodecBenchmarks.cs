using BenchmarkDotNet.Attributes;
using Dashboard.Core.Metrics;
using Dashboard.Storage.Metrics;

namespace Dashboard.Benchmarks;

/// <summary>Encode/decode of one day (1,440 points) of a rounded latency series, per encoding.</summary>
[MemoryDiagnoser]
[Config(typeof(PercentileConfig))]
public class CodecBenchmarks
{
    private const long Start = SyntheticFleet.End - 86_400;
    private MetricPoint[] _day = [];
    private byte[] _payload = [];

    [Params(ChunkEncoding.Raw, ChunkEncoding.Deflate, ChunkEncoding.Brotli)]
    public ChunkEncoding Encoding { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _day = SyntheticFleet.Points(0, 5, Start, Start + 86_400); // ModelLatency Average
        _payload = ChunkCodec.Encode(_day, Start, Encoding);
    }

    [Benchmark]
    public byte[] Encode() => ChunkCodec.Encode(_day, Start, Encoding);

    [Benchmark]
    public MetricPoint[] Decode() => ChunkCodec.Decode(_payload, Start);
}
