using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;
using Dashboard.Core.Metrics;
using static Dashboard.Core.Tests.Alarms.AlarmTestData;

namespace Dashboard.Core.Tests.Alarms;

public class MetricAlarmEvaluatorTests
{
    private static AlarmEvaluation Eval(string sequence, int n, int m, TreatMissingData treat = TreatMissingData.Missing,
        AlarmState current = AlarmState.Ok) =>
        MetricAlarmEvaluator.Evaluate(Spec(n, m, treat), Points(sequence), AsOf, current);

    [Theory]
    [InlineData("- - X 0 X 0 X", 5, 3, "ALARM")]
    [InlineData("- - X 0 X 0 0", 5, 3, "OK")]
    [InlineData("X 0 0 X 0 0 X", 5, 2, "ALARM")]
    [InlineData("X X 0 0 0 0 X", 5, 2, "OK")]
    public void Evaluate_MOfN_CountsNonConsecutiveBreachesInTheLastN(string sequence, int n, int m, string expected) =>
        Assert.Equal(State(expected), Eval(sequence, n, m).State);

    [Theory]
    [InlineData(ComparisonOperator.GreaterThanThreshold, 1000, false)]
    [InlineData(ComparisonOperator.GreaterThanThreshold, 1000.5, true)]
    [InlineData(ComparisonOperator.GreaterThanOrEqualToThreshold, 1000, true)]
    [InlineData(ComparisonOperator.GreaterThanOrEqualToThreshold, 999.5, false)]
    [InlineData(ComparisonOperator.LessThanThreshold, 1000, false)]
    [InlineData(ComparisonOperator.LessThanThreshold, 999.5, true)]
    [InlineData(ComparisonOperator.LessThanOrEqualToThreshold, 1000, true)]
    [InlineData(ComparisonOperator.LessThanOrEqualToThreshold, 1000.5, false)]
    public void Evaluate_ThresholdOperators_CompareAtTheBoundary(ComparisonOperator comparison, double value, bool breaches)
    {
        var result = MetricAlarmEvaluator.Evaluate(Spec(1, 1, comparison: comparison), [new(AsOf - 60, value)], AsOf, AlarmState.Ok);

        Assert.Equal(breaches ? AlarmState.Alarm : AlarmState.Ok, result.State);
    }

    [Fact]
    public void Evaluate_LatencyAlarm_ReasonQuotesMillisecondsAsThePagesShowThem()
    {
        // ModelLatency is stored in µs; the alarm's page, form and charts speak ms, so its reason does too.
        var alarm = new AlarmDefinition
        {
            Name = "churn-latency-p90",
            Metric = new SeriesKey(SageMakerMetrics.InvocationNamespace, "ModelLatency", "EndpointName=churn|VariantName=AllTraffic", "p90", 60),
            Comparison = ComparisonOperator.GreaterThanThreshold,
            Threshold = 500_000,
        };

        var result = MetricAlarmEvaluator.Evaluate(AlarmRuleSpec.From(alarm), [new(AsOf - 60, 612_345.6)], AsOf, AlarmState.Ok);

        Assert.Equal(AlarmState.Alarm, result.State);
        Assert.Contains("[612.346 ms (22/11/26 10:04:00)] was greater than the threshold (500.0 ms)", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ComparisonOperator.LessThanLowerOrGreaterThanUpperThreshold, 50, true)]
    [InlineData(ComparisonOperator.LessThanLowerOrGreaterThanUpperThreshold, 250, true)]
    [InlineData(ComparisonOperator.LessThanLowerOrGreaterThanUpperThreshold, 150, false)]
    [InlineData(ComparisonOperator.LessThanLowerThreshold, 50, true)]
    [InlineData(ComparisonOperator.LessThanLowerThreshold, 250, false)]
    [InlineData(ComparisonOperator.GreaterThanUpperThreshold, 250, true)]
    [InlineData(ComparisonOperator.GreaterThanUpperThreshold, 50, false)]
    public void Evaluate_AnomalyOperators_CompareWithTheBand(ComparisonOperator comparison, double value, bool breaches)
    {
        var points = new[] { new AlarmDatapoint(AsOf - 60, value, Lower: 100, Upper: 200) };

        var result = MetricAlarmEvaluator.Evaluate(Spec(1, 1, comparison: comparison), points, AsOf, AlarmState.Ok);

        Assert.Equal(breaches ? AlarmState.Alarm : AlarmState.Ok, result.State);
        Assert.Contains("(band 100.0 to 200.0)", result.Reason);
    }

    [Fact]
    public void Evaluate_AnomalyPointWithoutBand_CountsAsMissing()
    {
        var points = new[] { new AlarmDatapoint(AsOf - 60, 5000) };

        var result = MetricAlarmEvaluator.Evaluate(Spec(1, 1, comparison: ComparisonOperator.GreaterThanUpperThreshold), points, AsOf, AlarmState.Ok);

        Assert.Equal(AlarmState.InsufficientData, result.State);
        Assert.Equal(PeriodVerdict.Missing, result.Periods[^1].Verdict);
    }

    [Theory]
    [InlineData(TreatMissingData.Missing, "INSUFFICIENT_DATA")]
    [InlineData(TreatMissingData.Breaching, "ALARM")]
    [InlineData(TreatMissingData.NotBreaching, "OK")]
    [InlineData(TreatMissingData.Ignore, "ALARM")]
    public void Evaluate_NoDataAtAll_EachTreatMissingDataMode(TreatMissingData treat, string expected)
    {
        var result = Eval("- - - - -", 3, 2, treat, current: AlarmState.Alarm);

        Assert.Equal(State(expected), result.State);
        Assert.Equal(treat == TreatMissingData.Ignore, result.KeptStateIgnoringMissing);
        Assert.Equal(5, result.Periods.Count);
    }

    [Fact]
    public void Evaluate_IgnoreWithoutData_KeepsEachCurrentState()
    {
        foreach (var current in Enum.GetValues<AlarmState>())
            Assert.Equal(current, Eval("- - - - -", 3, 3, TreatMissingData.Ignore, current).State);
    }

    [Fact]
    public void Evaluate_EnoughRealPoints_TreatMissingDataNotConsulted()
    {
        var result = Eval("X 0 - X X", 3, 3, TreatMissingData.Breaching);

        Assert.Equal(AlarmState.Ok, result.State);
        Assert.False(result.MissingDataFilled);
        Assert.Equal(
            [PeriodVerdict.NotEvaluated, PeriodVerdict.NotBreaching, PeriodVerdict.MissingNotNeeded, PeriodVerdict.Breaching, PeriodVerdict.Breaching],
            result.Periods.Select(p => p.Verdict));
    }

    [Fact]
    public void Evaluate_FewRealPoints_FillsTheMostRecentGaps()
    {
        var result = Eval("0 - - - -", 3, 3, TreatMissingData.Breaching);

        Assert.Equal(
            [PeriodVerdict.NotBreaching, PeriodVerdict.MissingNotNeeded, PeriodVerdict.MissingNotNeeded, PeriodVerdict.MissingAsBreaching, PeriodVerdict.MissingAsBreaching],
            result.Periods.Select(p => p.Verdict));
        Assert.Equal(2, result.BreachingCount);
        Assert.True(result.MissingDataFilled);
    }

    [Fact]
    public void Evaluate_PointsOutsideTheRange_AreIgnored()
    {
        // Breaching points just before the 5-period range and at/after asOf; nothing inside it.
        AlarmDatapoint[] points = [new(AsOf - 7 * 60, 5000), new(AsOf - 6 * 60, 5000), new(AsOf, 5000), new(AsOf + 60, 5000)];

        var result = MetricAlarmEvaluator.Evaluate(Spec(3, 1), points, AsOf, AlarmState.Ok);

        Assert.Equal(AlarmState.InsufficientData, result.State);
        Assert.All(result.Periods, p => Assert.Null(p.Value));
        Assert.Equal(AsOf - 5 * 60, result.Periods[0].Time);
        Assert.Equal(AsOf - 60, result.Periods[^1].Time);
    }

    [Fact]
    public void Evaluate_RangeBoundaries_FromInclusiveToExclusive()
    {
        var (from, to) = MetricAlarmEvaluator.EvaluationRange(60, 3, AsOf);
        AlarmDatapoint[] points = [new(from - 60, 5000), new(from, 5000), new(to - 60, 5000), new(to, 5000)];

        var result = MetricAlarmEvaluator.Evaluate(Spec(3, 3), points, AsOf, AlarmState.Ok);

        Assert.Equal(2, result.Periods.Count(p => p.Value is not null));
        Assert.Equal(from, result.Periods[0].Time);
    }

    [Fact]
    public void Evaluate_SameInputs_SameOutput()
    {
        var points = Points("0 X - X X");

        var first = MetricAlarmEvaluator.Evaluate(Spec(3, 2), points, AsOf, AlarmState.Ok);
        var second = MetricAlarmEvaluator.Evaluate(Spec(3, 2), points.AsEnumerable().Reverse().ToList(), AsOf, AlarmState.Ok);

        Assert.Equal(first.State, second.State);
        Assert.Equal(first.Reason, second.Reason);
        Assert.Equal(first.Periods, second.Periods);
    }

    [Fact]
    public void Evaluate_Reason_ListsValuesTimesThresholdAndWhatAlarmNeeds()
    {
        AlarmDatapoint[] points = [new(AsOf - 180, 1250), new(AsOf - 120, 1300.5), new(AsOf - 60, 1100)];

        var result = MetricAlarmEvaluator.Evaluate(Spec(3, 3), points, AsOf, AlarmState.Ok);

        Assert.Equal(AlarmState.Alarm, result.State);
        Assert.Equal("Threshold crossed: 3 of the last 3 datapoints [1100.0 (22/11/26 10:04:00), 1300.5 (22/11/26 10:03:00), "
            + "1250.0 (22/11/26 10:02:00)] were greater than the threshold (1000.0) (ALARM needs 3 breaching datapoints).", result.Reason);
    }

    [Fact]
    public void Evaluate_ReasonWithFilledMissing_SaysHowMissingCounted()
    {
        var result = Eval("- - - - X", 3, 2, TreatMissingData.NotBreaching);

        Assert.Equal(AlarmState.Ok, result.State);
        Assert.Contains("counting 2 missing datapoints as not breaching", result.Reason);
        Assert.Contains("missing as not breaching (22/11/26 10:03:00)", result.Reason);
    }

    [Fact]
    public void Evaluate_ReasonWithoutData_SaysSo() =>
        Assert.Equal("No datapoints in the evaluation range (5 periods of 60 s, 22/11/26 10:00:00 to 22/11/26 10:05:00); missing data is treated as missing.",
            Eval("- - - - -", 3, 3).Reason);

    [Fact]
    public void Evaluate_LowSampleOnlyInOlderPoint_EvaluatesTheOthers()
    {
        var spec = Spec(2, 2) with { Percentile = 99, EvaluateLowSampleCountPercentile = false };
        AlarmDatapoint[] points = [new(AsOf - 180, 5000, 2000), new(AsOf - 120, 5000, 10), new(AsOf - 60, 5000, 2000)];

        var result = MetricAlarmEvaluator.Evaluate(spec, points, AsOf, AlarmState.Ok);

        Assert.Equal(AlarmState.Alarm, result.State);
        Assert.Equal(PeriodVerdict.LowSampleIgnored, result.Periods[^2].Verdict);
    }

    [Fact]
    public void Evaluate_LowSampleNewest_ReasonNamesTheSampleCount()
    {
        var spec = Spec(1, 1) with { Percentile = 99, EvaluateLowSampleCountPercentile = false };

        var result = MetricAlarmEvaluator.Evaluate(spec, [new(AsOf - 60, 5000, 120)], AsOf, AlarmState.Ok);

        Assert.Equal("The newest datapoint [5000.0 (22/11/26 10:04:00)] rests on 120.0 samples, fewer than the 1000.0 a p99 needs; "
            + "low-sample percentiles are ignored, so the state stays OK.", result.Reason);
    }

    [Fact]
    public void Evaluate_ManyAlarms_FastEnough()
    {
        var points = Points("0 X - X X 0 X");
        var spec = Spec(5, 3);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 5000; i++)
            MetricAlarmEvaluator.Evaluate(spec, points, AsOf, AlarmState.Ok);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"5,000 evaluations took {watch.Elapsed.TotalMilliseconds:N0} ms");
    }
}
