using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;
using Dashboard.Web.Alarms.Editor;

namespace Dashboard.Web.Tests.Alarms.Editor;

public sealed class BacktestChartsTests
{
    private const long Week = 7 * 86_400;

    /// <summary>Issue 12: a 1-minute ALARM on a 7-day backtest was a hairline (a tenth of a pixel).</summary>
    [Fact]
    public void AlarmRanges_OneMinuteInAWeek_ShadedAtLeastTheMinimumShareWide()
    {
        var ranges = BacktestCharts.AlarmRanges([new StateSpan(Week / 2, Week / 2 + 60, AlarmState.Alarm)], 0, Week);

        var range = Assert.Single(ranges);
        Assert.True(range.ToMs - range.FromMs >= BacktestCharts.MinRangeShare * Week * 1000);
        // Centred on the minute it stands for.
        Assert.InRange((range.FromMs + range.ToMs) / 2, (Week / 2 + 29) * 1000, (Week / 2 + 31) * 1000);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(Week - 60)]
    public void AlarmRanges_MinuteAtTheWindowsEdge_WidenedInsideTheWindow(long start)
    {
        // A range reaching past the axis is not drawn by the chart at all.
        var range = Assert.Single(BacktestCharts.AlarmRanges([new StateSpan(start, start + 60, AlarmState.Alarm)], 0, Week));

        Assert.InRange(range.FromMs, 0, Week * 1000);
        Assert.InRange(range.ToMs, 0, Week * 1000);
        Assert.True(range.ToMs - range.FromMs >= BacktestCharts.MinRangeShare * Week * 1000);
    }

    [Fact]
    public void AlarmRanges_WideningMakesThemTouch_Merged_LongOnesKeptAsTheyAre()
    {
        var spans = new[]
        {
            new StateSpan(1_000, 1_060, AlarmState.Alarm),
            new StateSpan(1_060, 1_500, AlarmState.Ok),
            new StateSpan(1_500, 1_560, AlarmState.Alarm),
            new StateSpan(200_000, 300_000, AlarmState.Alarm),
        };

        var ranges = BacktestCharts.AlarmRanges(spans, 0, Week);

        Assert.Equal(2, ranges.Count);
        Assert.Equal((200_000_000L, 300_000_000L), (ranges[1].FromMs, ranges[1].ToMs));
    }

    [Fact]
    public void AlarmPeriods_NewestFirst_WithTheHighestDatapointSeen_AndTheOneStillOpenMarked()
    {
        var alarm = new AlarmDefinition { Name = "a", Kind = AlarmKind.Metric, Period = 60, EvaluationPeriods = 1, DatapointsToAlarm = 1, Threshold = 10 };
        var points = new[] { new AlarmDatapoint(0, 20), new AlarmDatapoint(60, 5), new AlarmDatapoint(120, 30), new AlarmDatapoint(180, 40) };
        var result = AlarmBacktest.Replay(alarm, points, 0, 240);

        var periods = BacktestCharts.AlarmPeriods(alarm, result);

        Assert.Equal([(180L, 240L, 40.0, true), (60L, 120L, 20.0, false)], periods.Select(p => (p.From, p.To, p.Peak!.Value, p.Ongoing)));
    }
}
