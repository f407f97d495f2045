using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace Dashboard.Benchmarks;

/// <summary>Adds median and p95 columns: the chart target is stated as a p95.</summary>
public sealed class PercentileConfig : ManualConfig
{
    public PercentileConfig()
    {
        AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Max);
    }
}
