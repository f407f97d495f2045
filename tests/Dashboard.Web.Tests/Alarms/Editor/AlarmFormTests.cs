using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;
using Dashboard.Core.Metrics;
using Dashboard.Web.Alarms.Editor;
using static Dashboard.Web.Tests.Fleet.FleetTestData;

namespace Dashboard.Web.Tests.Alarms.Editor;

public sealed class AlarmFormTests
{
    [Theory]
    [InlineData(250)]
    [InlineData(0.3)]
    [InlineData(1234.567)]
    public void LatencyThreshold_MillisecondsToMicrosecondsAndBack(double milliseconds)
    {
        var form = new AlarmForm
        {
            Name = "lat",
            Series = SeriesChoice.Of(Key(SageMakerMetrics.ModelLatency, "churn", "p90")),
            Stat = "p90",
            Threshold = milliseconds,
        };

        var definition = form.ToDefinition();

        Assert.Equal(milliseconds * 1000, definition.Threshold, 6);
        Assert.Equal(milliseconds, AlarmForm.From(definition).Threshold!.Value, 9);
    }

    [Fact]
    public void NonLatencyThreshold_IsStoredAsTyped()
    {
        var form = new AlarmForm { Name = "cpu", Series = SeriesChoice.Of(Key(SageMakerMetrics.CpuUtilization, "churn", "Average")), Threshold = 280 };

        Assert.Equal(280, form.ToDefinition().Threshold);
        Assert.Equal("%", form.DisplayUnit);
    }

    [Fact]
    public void EmptyThreshold_IsNotZero_SoTheValidatorNamesTheField()
    {
        var form = new AlarmForm { Name = "x", Series = SeriesChoice.Of(Key(SageMakerMetrics.Invocations, "churn")), Stat = "Sum" };

        Assert.True(double.IsNaN(form.ToDefinition().Threshold));
    }

    [Fact]
    public void MathRows_BecomeMetricsWithTheAlarmsPeriod()
    {
        var form = new AlarmForm { Name = "rate", Kind = AlarmKind.MetricMath, Period = 300, Expression = "100 * m1 / m2", Threshold = 1 };
        form.MathRows.Add(new MathRow { Id = "m1", Series = SeriesChoice.Of(Key(SageMakerMetrics.Invocation5XXErrors, "churn")), Stat = "Sum" });
        form.MathRows.Add(new MathRow { Id = "m2", Series = SeriesChoice.Of(Key(SageMakerMetrics.Invocations, "churn")), Stat = "Sum" });

        var definition = form.ToDefinition();

        Assert.Equal(["m1", "m2"], definition.Metrics.Select(m => m.Id));
        Assert.All(definition.Metrics, m => Assert.Equal(300, m.Series.Period));
        Assert.Equal(1, definition.Threshold);
        Assert.Null(definition.Metric);
        Assert.Equal("m3", form.NextMathId());
    }

    [Fact]
    public void BacktestSentence_HoursMinutesAndShare()
    {
        var day = 86_400L;
        var result = new BacktestResult(0, day, 2,
            [new StateSpan(0, 3600, AlarmState.Ok), new StateSpan(3600, 3600 + 2 * 3600 + 300, AlarmState.Alarm), new StateSpan(10_800, day, AlarmState.Ok)], []);

        Assert.Equal("Would have fired 2 times; in ALARM for 2 h 5 min (8.7 % of the time).", AlarmWords.BacktestSentence(result));
    }

    [Fact]
    public void Condition_SaysTheLatencyThresholdInMilliseconds()
    {
        var alarm = new AlarmDefinition
        {
            Name = "lat",
            Metric = Key(SageMakerMetrics.ModelLatency, "churn", "p90"),
            EvaluationPeriods = 5,
            DatapointsToAlarm = 3,
            Threshold = 1_000_000,
        };

        Assert.Equal("ModelLatency p90 > 1,000 ms in 3 of 5 periods of 1 minute", AlarmWords.Condition(alarm));
    }
}
