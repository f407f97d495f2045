using BenchmarkDotNet.Attributes;
using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;

namespace Dashboard.Benchmarks.Alarms;

/// <summary>
/// One evaluation round of 5,000 metric alarms from in-memory datapoints: mixed M of N, every TreatMissingData, a fifth
/// p99 alarms with sample counts (half of them ignoring low samples), a fifth anomaly-band alarms, ~10 % gaps.
/// Target: well under 1 s of CPU for the round.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PercentileConfig))]
public class AlarmEvaluationBench
{
    private const int Alarms = 5_000;
    private const long AsOf = 1_795_305_600 + 36_000;
    private (AlarmRuleSpec Spec, AlarmDatapoint[] Points)[] _alarms = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var treats = Enum.GetValues<TreatMissingData>();
        _alarms = new (AlarmRuleSpec, AlarmDatapoint[])[Alarms];
        for (var i = 0; i < Alarms; i++)
        {
            var n = 1 + random.Next(10);
            var m = 1 + random.Next(n);
            var kind = i % 5;
            var spec = new AlarmRuleSpec(60, n, m,
                kind == 4 ? ComparisonOperator.LessThanLowerOrGreaterThanUpperThreshold : ComparisonOperator.GreaterThanThreshold,
                1000, treats[i % treats.Length],
                Percentile: kind == 3 ? 99 : null, EvaluateLowSampleCountPercentile: i % 2 == 0);
            var points = new List<AlarmDatapoint>();
            for (var k = 1; k <= MetricAlarmEvaluator.RangePeriods(n) + 3; k++)
            {
                if (random.NextDouble() < 0.1)
                    continue;
                var value = 600 + random.NextDouble() * 800;
                points.Add(new AlarmDatapoint(AsOf - k * 60L, value,
                    SampleCount: kind == 3 ? random.Next(200, 3000) : null,
                    Lower: kind == 4 ? 700 : null, Upper: kind == 4 ? 1300 : null));
            }
            _alarms[i] = (spec, points.ToArray());
        }
    }

    [Benchmark]
    public int EvaluateAll()
    {
        var alarming = 0;
        foreach (var (spec, points) in _alarms)
            if (MetricAlarmEvaluator.Evaluate(spec, points, AsOf, AlarmState.Ok).State == AlarmState.Alarm)
                alarming++;
        return alarming;
    }
}
