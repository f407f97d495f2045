using System.Text.Json.Nodes;
using System.Text.Json;
using Dashboard.Core.Alarms;
using Dashboard.Core.CloudWatch;
using Dashboard.Core.Wire;
using Dashboard.Simulator.Scenario;

namespace Dashboard.Simulator.CloudWatch.Alarms;

/// <summary>An alarm as stored: exactly one of the two shapes is set.</summary>
internal sealed record StoredAlarm(MetricAlarm? Metric, CompositeAlarm? Composite)
{
    /// <summary>The next minute (Unix seconds) at which the alarm is evaluated.</summary>
    public long NextEvaluation { get; init; }

    /// <summary>The end of the newest period evaluated with the current configuration (long.MinValue: none yet).</summary>
    public long LastAsOf { get; init; } = long.MinValue;

    public string Name => Metric?.AlarmName ?? Composite!.AlarmName;

    public string Type => Metric is not null ? AlarmTypes.MetricAlarm : AlarmTypes.CompositeAlarm;

    public string? StateValue => Metric?.StateValue ?? Composite!.StateValue;
}

/// <summary>A history item with its insertion number, which breaks ties between items of the same instant.</summary>
internal sealed record StoredHistoryItem(long Sequence, AlarmHistoryItem Item);

/// <summary>
/// The simulator's alarms and their history, in memory. One lock guards both, so a put or delete and its
/// ConfigurationUpdate item are seen together; history outlives the alarms it describes, as on AWS.
/// Alarms are evaluated lazily: every operation first runs the evaluations due since the last one
/// (<see cref="CatchUp"/>), minute by minute on the simulator's clock, as CloudWatch would have run them.
/// </summary>
internal sealed class AlarmStore
{
    /// <summary>How far back a catch-up reaches: a simulator left idle for days does not replay every minute.</summary>
    private const long MaxCatchUpSeconds = 86_400;

    private static readonly JsonSerializerOptions HistoryJson = new(AwsJson.Options)
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    private readonly Lock _lock = new();
    private readonly Dictionary<string, StoredAlarm> _alarms = new(StringComparer.Ordinal);
    private readonly List<StoredHistoryItem> _history = [];

    // Every state change in time order (evaluations and SetAlarmState): what deployments' rollback alarms are read from.
    private readonly List<(string Name, DateTimeOffset Time, string State)> _transitions = [];
    private long _sequence;
    private long _caughtUpToTicks = DateTimeOffset.MinValue.UtcTicks;

    /// <summary>The latest "now" evaluations ran up to; every state change before it is recorded.</summary>
    public DateTimeOffset CaughtUpTo => new(Interlocked.Read(ref _caughtUpToTicks), TimeSpan.Zero);

    public StoredAlarm? Find(string name)
    {
        lock (_lock)
        {
            return _alarms.GetValueOrDefault(name);
        }
    }

    /// <summary>
    /// Creates or replaces an alarm. <paramref name="build"/> receives the alarm it replaces (null when new) so the
    /// caller can keep its state; it runs under the lock.
    /// </summary>
    public StoredAlarm Upsert(string name, Func<StoredAlarm?, StoredAlarm> build, DateTimeOffset now)
    {
        lock (_lock)
        {
            var previous = _alarms.GetValueOrDefault(name);
            // A new alarm is first evaluated a minute after it is created; an overwritten one keeps its schedule and
            // is evaluated afresh with its new configuration.
            var alarm = build(previous) with
            {
                NextEvaluation = previous?.NextEvaluation ?? CeilMinute(now.ToUnixTimeSeconds() + 60),
                LastAsOf = long.MinValue,
            };
            _alarms[name] = alarm;
            Record(alarm, previous is null ? "Create" : "Update", now);
            return alarm;
        }
    }

    /// <summary>Deletes the named alarms that exist; the others are ignored.</summary>
    public void Delete(IEnumerable<string> names, DateTimeOffset now)
    {
        lock (_lock)
        {
            foreach (var name in names)
            {
                if (_alarms.Remove(name, out var alarm))
                {
                    Record(alarm, "Delete", now);
                }
            }
        }
    }

    public IReadOnlyList<StoredAlarm> Alarms()
    {
        lock (_lock)
        {
            return _alarms.Values.ToList();
        }
    }

    public IReadOnlyList<StoredHistoryItem> History()
    {
        lock (_lock)
        {
            return _history.ToList();
        }
    }

    /// <summary>
    /// Runs every evaluation due up to <paramref name="now"/> in time order: each minute, the metric alarms, then the
    /// composites (which read their children's states of that minute). A state change updates the alarm's state
    /// members and appends a StateUpdate history item stamped with that minute.
    /// </summary>
    public void CatchUp(DateTimeOffset now, SimulatedAlarmEvaluator evaluator)
    {
        var nowSeconds = now.ToUnixTimeSeconds();
        lock (_lock)
        {
            CatchUpLocked(nowSeconds, evaluator);
            if (now.UtcTicks > Interlocked.Read(ref _caughtUpToTicks))
            {
                Interlocked.Exchange(ref _caughtUpToTicks, now.UtcTicks);
            }
        }
    }

    private void CatchUpLocked(long nowSeconds, SimulatedAlarmEvaluator evaluator)
    {
        if (_alarms.Count == 0 || _alarms.Values.Min(a => a.NextEvaluation) > nowSeconds)
        {
            return;
        }
        var names = _alarms.Values.OrderBy(a => a.Metric is null ? 1 : 0).ThenBy(a => a.Name, StringComparer.Ordinal)
            .Select(a => a.Name).ToList();
        var first = Math.Max(_alarms.Values.Min(a => a.NextEvaluation), CeilMinute(nowSeconds) - MaxCatchUpSeconds);
        for (var minute = first; minute <= nowSeconds; minute += 60)
        {
            foreach (var name in names)
            {
                var alarm = _alarms[name];
                if (alarm.NextEvaluation <= minute)
                {
                    _alarms[name] = Evaluate(alarm, minute, evaluator);
                }
            }
        }
    }

    private StoredAlarm Evaluate(StoredAlarm alarm, long minute, SimulatedAlarmEvaluator evaluator)
    {
        var current = AlarmWireNames.ParseState(alarm.StateValue) ?? AlarmState.InsufficientData;
        var scheduled = alarm with { NextEvaluation = minute + 60 };
        SimulatedOutcome outcome;
        if (alarm.Metric is { } metric)
        {
            if (evaluator.PeriodOf(metric) is { } period)
            {
                // Within one period the datapoints do not change: evaluate once per period end.
                var asOf = minute - minute % period;
                if (asOf == alarm.LastAsOf)
                {
                    return scheduled;
                }
                scheduled = scheduled with { LastAsOf = asOf };
                outcome = evaluator.Evaluate(metric, asOf, current, minute);
            }
            else if (alarm.LastAsOf == long.MinValue)
            {
                scheduled = scheduled with { LastAsOf = minute };
                outcome = evaluator.Evaluate(metric, minute, current, minute);
            }
            else
            {
                return scheduled;
            }
        }
        else
        {
            outcome = SimulatedAlarmEvaluator.EvaluateComposite(alarm.Composite!, _alarms.GetValueOrDefault,
                DateTimeOffset.FromUnixTimeSeconds(minute));
        }
        return Apply(scheduled, current, outcome, DateTimeOffset.FromUnixTimeSeconds(minute));
    }

    private StoredAlarm Apply(StoredAlarm alarm, AlarmState current, SimulatedOutcome outcome, DateTimeOffset time)
    {
        if (outcome.State == current)
        {
            // CloudWatch keeps the reason of the last transition; only an alarm the simulator cannot evaluate says so.
            return outcome.Unsupported && alarm.Metric is { } m && m.StateReason != outcome.Reason
                ? alarm with { Metric = m with { StateReason = outcome.Reason } }
                : alarm;
        }
        var oldReason = alarm.Metric?.StateReason ?? alarm.Composite!.StateReason;
        var updated = alarm.Metric is { } metric
            ? alarm with
            {
                Metric = metric with
                {
                    StateValue = outcome.State.ToWire(),
                    StateReason = outcome.Reason,
                    StateReasonData = outcome.ReasonData,
                    StateUpdatedTimestamp = time,
                    StateTransitionedTimestamp = time,
                },
            }
            : alarm with
            {
                Composite = alarm.Composite! with
                {
                    StateValue = outcome.State.ToWire(),
                    StateReason = outcome.Reason,
                    StateReasonData = outcome.ReasonData,
                    StateUpdatedTimestamp = time,
                    StateTransitionedTimestamp = time,
                },
            };
        // The shape of AWS's StateUpdate data: {"version":"1.0","oldState":{…},"newState":{…,"stateReasonData":{…}}}.
        var data = new JsonObject
        {
            ["version"] = "1.0",
            ["oldState"] = new JsonObject { ["stateValue"] = current.ToWire(), ["stateReason"] = oldReason },
            ["newState"] = new JsonObject
            {
                ["stateValue"] = outcome.State.ToWire(),
                ["stateReason"] = outcome.Reason,
                ["stateReasonData"] = JsonNode.Parse(outcome.ReasonData),
            },
        };
        _history.Add(new StoredHistoryItem(++_sequence, new AlarmHistoryItem(alarm.Name, time, alarm.Type,
            HistoryItemTypes.StateUpdate, $"Alarm updated from {current.ToWire()} to {outcome.State.ToWire()}", data.ToJsonString(HistoryJson))));
        _transitions.Add((alarm.Name, time, outcome.State.ToWire()));
        return updated;
    }

    /// <summary>
    /// SetAlarmState: the state flips now, with a StateUpdate history item; the next evaluation (a minute later at most)
    /// decides afresh, so a metric alarm whose data says otherwise reverts. False when there is no such alarm.
    /// </summary>
    public bool SetState(string name, string state, string reason, string? reasonData, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!_alarms.TryGetValue(name, out var alarm))
            {
                return false;
            }
            var oldState = alarm.StateValue ?? AlarmStates.InsufficientData;
            var oldReason = alarm.Metric?.StateReason ?? alarm.Composite!.StateReason;
            _alarms[name] = alarm.Metric is { } metric
                ? alarm with
                {
                    LastAsOf = long.MinValue,
                    Metric = metric with
                    {
                        StateValue = state,
                        StateReason = reason,
                        StateReasonData = reasonData,
                        StateUpdatedTimestamp = now,
                        StateTransitionedTimestamp = state != oldState ? now : metric.StateTransitionedTimestamp,
                    },
                }
                : alarm with
                {
                    Composite = alarm.Composite! with
                    {
                        StateValue = state,
                        StateReason = reason,
                        StateReasonData = reasonData,
                        StateUpdatedTimestamp = now,
                        StateTransitionedTimestamp = state != oldState ? now : alarm.Composite.StateTransitionedTimestamp,
                    },
                };
            var newState = new JsonObject { ["stateValue"] = state, ["stateReason"] = reason };
            if (reasonData is not null)
            {
                newState["stateReasonData"] = JsonNode.Parse(reasonData);
            }
            var data = new JsonObject
            {
                ["version"] = "1.0",
                ["oldState"] = new JsonObject { ["stateValue"] = oldState, ["stateReason"] = oldReason },
                ["newState"] = newState,
            };
            _history.Add(new StoredHistoryItem(++_sequence, new AlarmHistoryItem(name, now, alarm.Type, HistoryItemTypes.StateUpdate,
                $"Alarm updated from {oldState} to {state}", data.ToJsonString(HistoryJson))));
            _transitions.Add((name, now, state));
            return true;
        }
    }

    /// <summary>The first moment in [from, until) at which one of the named alarms was in ALARM, and which.</summary>
    public (string Alarm, DateTimeOffset At)? FirstInAlarm(IReadOnlyCollection<string> names, DateTimeOffset from, DateTimeOffset until)
    {
        lock (_lock)
        {
            (string, DateTimeOffset)? first = null;
            foreach (var name in names)
            {
                string? stateAtFrom = null;
                DateTimeOffset? at = null;
                foreach (var (alarm, time, state) in _transitions)
                {
                    if (alarm != name)
                    {
                        continue;
                    }
                    if (time <= from)
                    {
                        stateAtFrom = state;
                    }
                    else if (time < until && state == AlarmStates.Alarm)
                    {
                        at = time;
                        break;
                    }
                }
                var hit = stateAtFrom == AlarmStates.Alarm ? from : at;
                if (hit is { } moment && (first is null || moment < first.Value.Item2))
                {
                    first = (name, moment);
                }
            }
            return first;
        }
    }

    private static long CeilMinute(long seconds) => -LoadModel.FloorDiv(-seconds, 60) * 60;

    private void Record(StoredAlarm alarm, string change, DateTimeOffset now)
    {
        // The shape of AWS's ConfigurationUpdate data: {"version":"1.0","type":"Create","createdAlarm":{…}}.
        var member = change switch
        {
            "Create" => "createdAlarm",
            "Update" => "updatedAlarm",
            _ => "deletedAlarm",
        };
        var data = new JsonObject
        {
            ["version"] = "1.0",
            ["type"] = change,
            [member] = alarm.Metric is not null
                ? JsonSerializer.SerializeToNode(alarm.Metric, HistoryJson)
                : JsonSerializer.SerializeToNode(alarm.Composite, HistoryJson),
        };
        var verb = change switch
        {
            "Create" => "created",
            "Update" => "updated",
            _ => "deleted",
        };
        _history.Add(new StoredHistoryItem(++_sequence, new AlarmHistoryItem(alarm.Name, now, alarm.Type,
            HistoryItemTypes.ConfigurationUpdate, $"Alarm \"{alarm.Name}\" {verb}", data.ToJsonString(HistoryJson))));
    }
}
