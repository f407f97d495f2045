using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;

namespace Dashboard.Core.Tests.Alarms;

public class AlarmBacktestTests
{
    private static readonly AlarmDefinition Alarm = new()
    {
        Name = "a",
        Kind = AlarmKind.Metric,
        EvaluationPeriods = 3,
        DatapointsToAlarm = 2,
        Threshold = 10,
        Comparison = ComparisonOperator.GreaterThanThreshold,
    };

    [Fact]
    public void Replay_TwoSeparateBreaches_FiresTwiceAndShadesOnlyTheAlarmSpans()
    {
        // 30 minutes at 1 except minutes 5–7 and 20–22 at 50.
        var points = Enumerable.Range(0, 30).Select(i => new AlarmDatapoint(i * 60, i is >= 5 and <= 7 or >= 20 and <= 22 ? 50 : 1)).ToList();

        var result = AlarmBacktest.Replay(Alarm, points, 0, 30 * 60);

        Assert.Equal(2, result.Fired);
        var alarms = result.Spans.Where(s => s.State == AlarmState.Alarm).ToList();
        Assert.Equal(2, alarms.Count);
        // Two of three breaching: ALARM as of the end of minute 6 (7 min) until the window holds one breach only.
        Assert.Equal(7 * 60, alarms[0].From);
        Assert.Equal(alarms.Sum(s => s.To - s.From), result.SecondsIn(AlarmState.Alarm));
    }

    [Fact]
    public void Replay_NoData_StaysInsufficientDataAndNeverFires()
    {
        var result = AlarmBacktest.Replay(Alarm, [], 0, 3600);

        Assert.Equal(0, result.Fired);
        Assert.Equal([AlarmState.InsufficientData], result.Spans.Select(s => s.State));
        Assert.Equal(3600, result.SecondsIn(AlarmState.InsufficientData));
    }

    [Fact]
    public void Replay_EachEvaluationSeesOnlyItsOwnRange()
    {
        // One breach an hour before the end: a 2-of-3 alarm never fires, however many breaches the whole history holds.
        var points = Enumerable.Range(0, 60).Select(i => new AlarmDatapoint(i * 60, i % 10 == 0 ? 50 : 1)).ToList();

        Assert.Equal(0, AlarmBacktest.Replay(Alarm, points, 0, 3600).Fired);
    }
}
