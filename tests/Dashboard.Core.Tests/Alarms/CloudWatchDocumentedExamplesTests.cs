using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;
using static Dashboard.Core.Tests.Alarms.AlarmTestData;

namespace Dashboard.Core.Tests.Alarms;

// Source: Amazon CloudWatch User Guide, "Using Amazon CloudWatch alarms"
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html
//  - "Configuring how CloudWatch alarms treat missing data" > "How alarm state is evaluated when data is missing":
//    both tables (Datapoints to Alarm 3 of Evaluation Periods 3, then 2 of 3; evaluation range 5), every row, every
//    TreatMissingData column ("Retain current state" is checked from each of the three states).
//  - "Avoiding premature transitions to alarm state": the - - - - X / - - - X - / - - X - - sequences.
//  - "Percentile-based CloudWatch alarms and low data samples": fewer than 10/(1-p) samples (1000 for p99).
// Sequences are written as in the guide: 0 not breaching, X breaching, - missing, most recent on the right.
public class CloudWatchDocumentedExamplesTests
{
    private const string Retain = "Retain";

    [Fact]
    public void EvaluationRange_ThreeEvaluationPeriods_IsFiveDatapoints()
    {
        var (from, to) = MetricAlarmEvaluator.EvaluationRange(300, 3, AsOf);

        Assert.Equal(5 * 300, to - from);
        Assert.Equal(AsOf, to);
    }

    [Theory]
    [InlineData("0 - X - X", "OK", "OK", "OK", "OK")]
    [InlineData("0 - - - -", "OK", "OK", "OK", "OK")]
    [InlineData("- - - - -", "INSUFFICIENT_DATA", Retain, "ALARM", "OK")]
    [InlineData("0 X X - X", "ALARM", "ALARM", "ALARM", "ALARM")]
    [InlineData("- - X - -", "ALARM", Retain, "ALARM", "OK")]
    public void Evaluate_ThreeOfThreeTableRow_MatchesGuide(string sequence, string missing, string ignore, string breaching, string notBreaching) =>
        AssertRow(3, 3, sequence, missing, ignore, breaching, notBreaching);

    [Theory]
    [InlineData("0 - X - X", "ALARM", "ALARM", "ALARM", "ALARM")]
    [InlineData("0 0 X 0 X", "ALARM", "ALARM", "ALARM", "ALARM")]
    [InlineData("0 - X - -", "OK", "OK", "ALARM", "OK")]
    [InlineData("- - - - 0", "OK", "OK", "ALARM", "OK")]
    [InlineData("- - - X -", "ALARM", Retain, "ALARM", "OK")]
    public void Evaluate_TwoOfThreeTableRow_MatchesGuide(string sequence, string missing, string ignore, string breaching, string notBreaching) =>
        AssertRow(3, 2, sequence, missing, ignore, breaching, notBreaching);

    [Theory]
    [InlineData("0 - X - X", 0)]
    [InlineData("0 - - - -", 2)]
    [InlineData("- - - - -", 3)]
    [InlineData("0 X X - X", 0)]
    [InlineData("- - X - -", 2)]
    public void Evaluate_ThreeOfThreeTableRow_FillsTheGuidesNumberOfDatapoints(string sequence, int mustBeFilled)
    {
        var result = MetricAlarmEvaluator.Evaluate(Spec(3, 3, TreatMissingData.Breaching, 300), Points(sequence, 300), AsOf, AlarmState.Ok);

        Assert.Equal(mustBeFilled, result.Periods.Count(p => p.Verdict == PeriodVerdict.MissingAsBreaching));
        Assert.Equal(mustBeFilled > 0, result.MissingDataFilled);
    }

    [Theory]
    [InlineData("- - - - X", "OK")]
    [InlineData("- - - X -", "OK")]
    [InlineData("- - - X 0", "OK")]
    [InlineData("- - X - 0", "OK")]
    [InlineData("- - X - -", "ALARM")]
    public void Evaluate_PrematureAlarmExample_AlarmsOnlyOnceTheBreachIsOldEnough(string sequence, string expected)
    {
        var result = MetricAlarmEvaluator.Evaluate(Spec(3, 3, period: 300), Points(sequence, 300), AsOf, AlarmState.Ok);

        Assert.Equal(State(expected), result.State);
        Assert.Equal(expected == "ALARM", result.Premature);
    }

    [Fact]
    public void Evaluate_PrematureRuleInMOfN_AlarmsWithFewerThanMBreaching()
    {
        // "- - - X -" with 2 of 3: one breaching datapoint, two periods old = M.
        var result = MetricAlarmEvaluator.Evaluate(Spec(3, 2, period: 300), Points("- - - X -", 300), AsOf, AlarmState.Ok);

        Assert.Equal(AlarmState.Alarm, result.State);
        Assert.True(result.Premature);
        Assert.Equal(1, result.BreachingCount);
    }

    [Theory]
    [InlineData(99, 999, true)]
    [InlineData(99, 1000, false)]
    [InlineData(90, 99, true)]
    [InlineData(90, 100, false)]
    [InlineData(10, 99, true)]
    [InlineData(10, 100, false)]
    public void Evaluate_LowSamplePercentileIgnored_KeepsStateBelowTenOverOneMinusP(double percentile, double samples, bool kept)
    {
        var spec = Spec(1, 1) with { Percentile = percentile, EvaluateLowSampleCountPercentile = false };
        var points = new[] { new AlarmDatapoint(AsOf - 60, 5000, SampleCount: samples) };

        var result = MetricAlarmEvaluator.Evaluate(spec, points, AsOf, AlarmState.Ok);

        Assert.Equal(kept ? AlarmState.Ok : AlarmState.Alarm, result.State);
        Assert.Equal(kept, result.LowSampleCountKeptState);
        Assert.Equal(kept ? PeriodVerdict.LowSampleIgnored : PeriodVerdict.Breaching, result.Periods[^1].Verdict);
    }

    [Fact]
    public void Evaluate_LowSamplePercentileEvaluated_ChangesState()
    {
        var spec = Spec(1, 1) with { Percentile = 99, EvaluateLowSampleCountPercentile = true };
        var points = new[] { new AlarmDatapoint(AsOf - 60, 5000, SampleCount: 3) };

        var result = MetricAlarmEvaluator.Evaluate(spec, points, AsOf, AlarmState.Ok);

        Assert.Equal(AlarmState.Alarm, result.State);
        Assert.False(result.LowSampleCountKeptState);
    }

    private static void AssertRow(int n, int m, string sequence, string missing, string ignore, string breaching, string notBreaching)
    {
        var points = Points(sequence, 300);
        Assert.Equal(5, MetricAlarmEvaluator.RangePeriods(n));
        var columns = new[]
        {
            (TreatMissingData.Missing, missing), (TreatMissingData.Ignore, ignore),
            (TreatMissingData.Breaching, breaching), (TreatMissingData.NotBreaching, notBreaching),
        };
        foreach (var (treat, expected) in columns)
        {
            foreach (var current in new[] { AlarmState.Ok, AlarmState.Alarm, AlarmState.InsufficientData })
            {
                var result = MetricAlarmEvaluator.Evaluate(Spec(n, m, treat, 300), points, AsOf, current);
                var want = expected == Retain ? current : State(expected);
                Assert.True(want == result.State,
                    $"{sequence} ({m} of {n}, {treat.ToWire()}, was {current.ToWire()}): expected {want.ToWire()}, got {result.State.ToWire()}. {result.Reason}");
                Assert.Equal(expected == Retain, result.KeptStateIgnoringMissing);
            }
        }
    }
}
