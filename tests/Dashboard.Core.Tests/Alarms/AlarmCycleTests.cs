using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms.Editing;
using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;
using Dashboard.Core.Baselines;
using Dashboard.Core.Metrics;
using Dashboard.Core.Storage;
using Dashboard.Core.Tests.Charts;
using Dashboard.Tests.Shared;

namespace Dashboard.Core.Tests.Alarms;

public class AlarmCycleTests
{
    private const long Now = 1_750_000_020; // a minute boundary + 20 s
    private const long Minute = 60;
    private static readonly long AsOf = Now - Now % Minute;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly InMemoryMetricQueries _metrics = new();
    private readonly FakeCoverage _coverage = new();

    [Fact]
    public async Task Evaluate_ThreeBreachingMinutes_GoesToAlarmAsOfTheNewestFetchedMinute()
    {
        Store(Latency, AsOf, 900_000, 1_200_000, 1_300_000, 1_400_000);
        var alarm = LatencyAlarm();

        var results = await Cycle([Entry(alarm)]);

        var (name, evaluation) = Assert.Single(results);
        Assert.Equal(alarm.Name, name);
        Assert.Equal((AlarmState.Alarm, AsOf), (evaluation.State, evaluation.AsOf));
        Assert.Equal(3, evaluation.BreachingCount);
    }

    [Fact]
    public async Task Evaluate_CollectorBehind_EvaluatesOnlyUpToWhatWasFetched()
    {
        Store(Latency, AsOf, 1_200_000, 1_300_000, 1_400_000);
        _coverage.Set(Latency, AsOf - 10 * Minute);

        var (_, evaluation) = Assert.Single(await Cycle([Entry(LatencyAlarm())]));

        Assert.Equal(AsOf - 10 * Minute, evaluation.AsOf);
        Assert.Equal(AlarmState.InsufficientData, evaluation.State);
    }

    [Fact]
    public async Task Evaluate_AlreadyEvaluatedAsOfThisMinute_ReturnsNothing()
    {
        Store(Latency, AsOf, 1_200_000, 1_300_000, 1_400_000);

        Assert.Empty(await Cycle([Entry(LatencyAlarm(), AlarmState.Alarm, AsOf)]));
    }

    [Fact]
    public async Task Evaluate_TenMinutesBehind_CatchesUpEveryMinuteKeepingChangesAndTheNewest()
    {
        // Breaching from 6 minutes ago on: OK until then, ALARM three minutes later.
        Store(Latency, AsOf, [.. Enumerable.Repeat(500_000d, 5), .. Enumerable.Repeat(1_500_000d, 6)]);

        var results = await Cycle([Entry(LatencyAlarm(), AlarmState.Ok, AsOf - 10 * Minute)]);

        Assert.Equal([(AlarmState.Alarm, AsOf - 3 * Minute), (AlarmState.Alarm, AsOf)],
            results.Select(r => (r.Evaluation.State, r.Evaluation.AsOf)));
    }

    [Fact]
    public async Task Evaluate_SumOverFiveMinutes_FoldsTheStoredMinuteSums()
    {
        var errors = Key(SageMakerMetrics.Invocation5XXErrors, "Sum");
        Store(errors, AsOf, Enumerable.Repeat(1d, 10).ToArray());
        var alarm = new AlarmDefinition
        {
            Name = "errors-5m",
            Kind = AlarmKind.Metric,
            Metric = errors with { Period = 300 },
            Period = 300,
            EvaluationPeriods = 1,
            DatapointsToAlarm = 1,
            Threshold = 4,
            Comparison = ComparisonOperator.GreaterThanThreshold,
        };

        var (_, evaluation) = Assert.Single(await Cycle([Entry(alarm)]));

        Assert.Equal(AlarmState.Alarm, evaluation.State);
        Assert.Contains(evaluation.Periods, p => p.Value == 5 && p.Verdict == PeriodVerdict.Breaching);
    }

    [Fact]
    public async Task Evaluate_PercentileWithFewRequestsAndIgnore_KeepsTheCurrentState()
    {
        Store(Latency, AsOf, 1_500_000, 1_500_000, 1_500_000);
        Store(Key(SageMakerMetrics.Invocations, "Sum"), AsOf, 3, 3, 3); // p90 needs 100 samples
        var alarm = LatencyAlarm() with { EvaluateLowSampleCountPercentile = false };

        var (_, evaluation) = Assert.Single(await Cycle([Entry(alarm, AlarmState.Ok, AsOf - Minute)]));

        Assert.Equal(AlarmState.Ok, evaluation.State);
        Assert.True(evaluation.LowSampleCountKeptState);
    }

    [Fact]
    public async Task Evaluate_ErrorRateMath_ComputesFromBothSeries()
    {
        var errors = Key(SageMakerMetrics.Invocation5XXErrors, "Sum");
        var invocations = Key(SageMakerMetrics.Invocations, "Sum");
        Store(errors, AsOf, 5, 5, 5);
        Store(invocations, AsOf, 100, 100, 100);
        var alarm = new AlarmDefinition
        {
            Name = "rate",
            Kind = AlarmKind.MetricMath,
            Expression = "100 * e / i",
            Metrics = [new AlarmMetric("e", errors), new AlarmMetric("i", invocations)],
            EvaluationPeriods = 3,
            DatapointsToAlarm = 3,
            Threshold = 1,
        };

        var (_, evaluation) = Assert.Single(await Cycle([Entry(alarm)]));

        Assert.Equal(AlarmState.Alarm, evaluation.State);
        Assert.All(evaluation.Periods.Where(p => p.Value is not null), p => Assert.Equal(5, p.Value));
    }

    [Fact]
    public async Task Evaluate_Composite_UsesTheStatesJustComputed()
    {
        Store(Latency, AsOf, 1_200_000, 1_300_000, 1_400_000);
        var composite = new AlarmDefinition { Name = "page-me", Kind = AlarmKind.Composite, AlarmRule = "ALARM(latency) AND NOT ALARM(deploying)" };
        var deploying = new AlarmDefinition { Name = "deploying", Kind = AlarmKind.Composite, AlarmRule = "FALSE" };

        var results = await Cycle([Entry(composite), Entry(LatencyAlarm()), Entry(deploying)]);

        Assert.Equal(AlarmState.Alarm, results.Single(r => r.Name == "page-me").Evaluation.State);
    }

    [Fact]
    public async Task Evaluate_AnomalyBand_BreachesOutsideTheBaselineBand()
    {
        // A week of steady 100 ms latency with a little noise, then three minutes at 300 ms.
        var history = Enumerable.Range(0, 8 * 1440).Select(i => 100_000d + (i % 7) * 1_000).ToArray();
        history[^1] = history[^2] = history[^3] = 300_000;
        Store(Key(SageMakerMetrics.ModelLatency, "Average"), AsOf, history);
        var alarm = new AlarmDefinition
        {
            Name = "anomaly",
            Kind = AlarmKind.AnomalyDetection,
            Metric = Key(SageMakerMetrics.ModelLatency, "Average"),
            EvaluationPeriods = 3,
            DatapointsToAlarm = 3,
            BandWidth = 2,
            Comparison = ComparisonOperator.LessThanLowerOrGreaterThanUpperThreshold,
        };

        var (_, evaluation) = Assert.Single(await Cycle([Entry(alarm)]));

        Assert.Equal(AlarmState.Alarm, evaluation.State);
        Assert.All(evaluation.Periods.Where(p => p.Verdict == PeriodVerdict.Breaching), p => Assert.True(p.Upper < 300_000));
    }

    [Fact]
    public async Task Evaluate_InputNotCollectedYet_NotEvaluatedUntilTheCollectorHasFetchedIt()
    {
        Store(Latency, AsOf, 1_200_000, 1_300_000, 1_400_000);
        var p95 = Latency with { Stat = "p95" };
        // TreatMissingData breaching would turn "not fetched yet" into ALARM if it were evaluated as missing data.
        var alarm = LatencyAlarm() with { Name = "latency-p95", Metric = p95, TreatMissingData = TreatMissingData.Breaching };
        var inputs = new AlarmInputs(_metrics, _coverage, new BaselineOptions());

        var before = await inputs.LoadAsync([alarm], AsOf, Now, Ct);

        Assert.Empty(AlarmCycle.Evaluate([Entry(alarm)], before, Now));
        Assert.Contains(p95, before.Watched);
        Assert.Equal([p95], before.Uncollected(alarm));

        Store(p95, AsOf, 1_200_000, 1_300_000, 1_400_000);
        var (_, evaluation) = Assert.Single(await Cycle([Entry(alarm)]));
        Assert.Equal((AlarmState.Alarm, 3), (evaluation.State, evaluation.BreachingCount));
    }

    private static readonly SeriesKey Latency = Key(SageMakerMetrics.ModelLatency, "p90");

    private async Task<IReadOnlyList<(string Name, AlarmEvaluation Evaluation)>> Cycle(IReadOnlyList<AlarmEntry> entries)
    {
        var inputs = new AlarmInputs(_metrics, _coverage, new BaselineOptions());
        var alarms = entries.Where(e => e.Definition.Kind != AlarmKind.Composite).Select(e => e.Definition).ToList();
        var data = await inputs.LoadAsync(alarms, AlarmCycle.EarliestAsOf(entries, Now), Now, Ct);
        return AlarmCycle.Evaluate(entries, data, Now);
    }

    /// <summary>Stores values for consecutive minutes ending with the minute before <paramref name="end"/>; marks them fetched.</summary>
    private void Store(SeriesKey key, long end, params double[] values)
    {
        var start = end - values.Length * Minute;
        _metrics.Add(key, values.Select((v, i) => new MetricPoint(start + i * Minute, v)));
        _coverage.Set(key, end, start);
    }

    private static AlarmDefinition LatencyAlarm() => new()
    {
        Name = "latency",
        Kind = AlarmKind.Metric,
        Metric = Latency,
        EvaluationPeriods = 3,
        DatapointsToAlarm = 3,
        Threshold = 1_000_000,
        Comparison = ComparisonOperator.GreaterThanThreshold,
    };

    private static AlarmEntry Entry(AlarmDefinition alarm, AlarmState state = AlarmState.InsufficientData, long evaluatedAsOf = 0) =>
        new(alarm, new AlarmStatus(state, 0, "", evaluatedAsOf, null), "test", DateTimeOffset.UnixEpoch);

    private static SeriesKey Key(string metric, string stat) =>
        SeriesKey.Create(SageMakerMetrics.InvocationNamespace, metric, [new("EndpointName", "ep"), new("VariantName", "v1")], stat, 60);

    private sealed class FakeCoverage : ICoverageQueries
    {
        private readonly Dictionary<SeriesKey, FetchedRange> _ranges = [];

        public void Set(SeriesKey key, long to, long from = 0) => _ranges[key] = new FetchedRange(Math.Min(from, to), to);

        public Task<IReadOnlyDictionary<SeriesKey, FetchedRange>> GetCoverageAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<SeriesKey, FetchedRange>>(_ranges);
    }
}
