using Dashboard.Core.Alarms;
namespace Dashboard.Core.Alarms.Evaluation;

/// <summary>A stretch of time [From, To) the alarm spent in one state (Unix seconds).</summary>
public readonly record struct StateSpan(long From, long To, AlarmState State);

/// <summary>
/// What an alarm would have done over stored history: <see cref="Fired"/> is how many times it would have entered ALARM,
/// <see cref="Spans"/> its states over time (for shading), <see cref="Points"/> the datapoints it watched (with bands).
/// </summary>
public sealed record BacktestResult(long From, long To, int Fired, IReadOnlyList<StateSpan> Spans, IReadOnlyList<AlarmDatapoint> Points)
{
    /// <summary>Inputs the dashboard does not collect yet (it starts once an alarm needs them), so there was nothing to replay.</summary>
    public IReadOnlyList<Metrics.SeriesKey> Uncollected { get; init; } = [];

    public long SecondsIn(AlarmState state) => Spans.Where(s => s.State == state).Sum(s => s.To - s.From);
}

/// <summary>
/// Replays an alarm over stored history the way the evaluation worker would have run it: once per period, each
/// evaluation seeing only the datapoints of its own evaluation range. Composite alarms can't be backtested (their
/// children's past states would have to be replayed too).
/// </summary>
public sealed class AlarmBacktest(AlarmInputs inputs)
{
    public async Task<BacktestResult> RunAsync(AlarmDefinition alarm, long from, long to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        if (alarm.Kind == AlarmKind.Composite)
        {
            throw new ArgumentException("Composite alarms can't be backtested.", nameof(alarm));
        }
        var period = alarm.Period;
        from -= from % period;
        to -= to % period;
        var data = await inputs.LoadAsync([alarm], from, to, cancellationToken);
        var (rangeFrom, _) = MetricAlarmEvaluator.EvaluationRange(period, alarm.EvaluationPeriods, from);
        var points = data.Points(alarm, rangeFrom, to);
        return Replay(alarm, points, from, to) with { Uncollected = data.Uncollected(alarm) };
    }

    /// <summary>The datapoints the alarm watches over [<paramref name="from"/>, <paramref name="to"/>), read as a replay reads them (for suggesting a threshold).</summary>
    public async Task<IReadOnlyList<AlarmDatapoint>> WatchedAsync(AlarmDefinition alarm, long from, long to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        from -= from % alarm.Period;
        to -= to % alarm.Period;
        var data = await inputs.LoadAsync([alarm], from, to, cancellationToken);
        return data.Points(alarm, from, to);
    }

    /// <summary>The replay itself, over datapoints already loaded (sorted by time).</summary>
    public static BacktestResult Replay(AlarmDefinition alarm, IReadOnlyList<AlarmDatapoint> points, long from, long to)
    {
        var spec = AlarmRuleSpec.From(alarm);
        var period = alarm.Period;
        var rangeLength = (long)MetricAlarmEvaluator.RangePeriods(alarm.EvaluationPeriods) * period;
        var spans = new List<StateSpan>();
        var state = AlarmState.InsufficientData;
        var fired = 0;
        var start = 0;
        var window = new List<AlarmDatapoint>();
        for (var asOf = from + period; asOf <= to; asOf += period)
        {
            window.Clear();
            while (start < points.Count && points[start].Time < asOf - rangeLength)
            {
                start++;
            }
            for (var i = start; i < points.Count && points[i].Time < asOf; i++)
            {
                window.Add(points[i]);
            }
            var next = MetricAlarmEvaluator.Evaluate(spec, window, asOf, state).State;
            if (next == AlarmState.Alarm && state != AlarmState.Alarm)
            {
                fired++;
            }
            state = next;
            if (spans.Count > 0 && spans[^1].State == state && spans[^1].To == asOf)
            {
                spans[^1] = spans[^1] with { To = asOf + period };
            }
            else
            {
                spans.Add(new StateSpan(asOf, asOf + period, state));
            }
        }
        return new BacktestResult(from, to, fired, spans, points.Where(p => p.Time >= from && p.Time < to).ToList());
    }
}
