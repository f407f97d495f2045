using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Core.CloudWatch;
using Dashboard.Core.Wire;

namespace Dashboard.Simulator.CloudWatch.Alarms;

/// <summary>An alarm as stored: exactly one of the two shapes is set.</summary>
internal sealed record StoredAlarm(MetricAlarm? Metric, CompositeAlarm? Composite)
{
    public string Name => Metric?.AlarmName ?? Composite!.AlarmName;

    public string Type => Metric is not null ? AlarmTypes.MetricAlarm : AlarmTypes.CompositeAlarm;

    public string? StateValue => Metric?.StateValue ?? Composite!.StateValue;
}

/// <summary>A history item with its insertion number, which breaks ties between items of the same instant.</summary>
internal sealed record StoredHistoryItem(long Sequence, AlarmHistoryItem Item);

/// <summary>
/// The simulator's alarms and their history, in memory. One lock guards both, so a put or delete and its
/// ConfigurationUpdate item are seen together; history outlives the alarms it describes, as on AWS.
/// </summary>
internal sealed class AlarmStore
{
    private static readonly JsonSerializerOptions s_historyJson = new(AwsJson.Options)
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    private readonly Lock _lock = new();
    private readonly Dictionary<string, StoredAlarm> _alarms = new(StringComparer.Ordinal);
    private readonly List<StoredHistoryItem> _history = [];
    private long _sequence;

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
            var alarm = build(previous);
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
                ? JsonSerializer.SerializeToNode(alarm.Metric, s_historyJson)
                : JsonSerializer.SerializeToNode(alarm.Composite, s_historyJson),
        };
        var verb = change switch
        {
            "Create" => "created",
            "Update" => "updated",
            _ => "deleted",
        };
        _history.Add(new StoredHistoryItem(++_sequence, new AlarmHistoryItem(alarm.Name, now, alarm.Type,
            HistoryItemTypes.ConfigurationUpdate, $"Alarm \"{alarm.Name}\" {verb}", data.ToJsonString(s_historyJson))));
    }
}
