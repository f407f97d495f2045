using System.Text.RegularExpressions;
using System.Text.Json;
using Dashboard.Core.CloudWatch;
using Dashboard.Simulator.Deployments;
using Dashboard.Simulator.Scenario;
using Dashboard.Simulator.Wire;

namespace Dashboard.Simulator.CloudWatch.Alarms;

/// <summary>The empty output of PutMetricAlarm, PutCompositeAlarm and DeleteAlarms ("{}").</summary>
internal sealed record EmptyReply;

/// <summary>
/// PutMetricAlarm, PutCompositeAlarm, DescribeAlarms, DescribeAlarmHistory and DeleteAlarms over an in-memory store.
/// Stored alarms are evaluated against the simulated fleet's data each minute of the simulator's clock; lazily, since
/// that data is a pure function of time: each operation first runs the evaluations due since the previous one.
/// </summary>
internal sealed partial class AlarmOperations(string region, string accountId, TimeProvider timeProvider, FleetScenario scenario)
    : IRollbackAlarms
{
    private const int MaxReasonLength = 1023;
    private const int MaxReasonDataLength = 4000;

    private const string InitialReason = "Unchecked: Initial alarm creation";

    private readonly AlarmStore _store = new();
    private readonly SimulatedAlarmEvaluator _evaluator = new(scenario);

    /// <summary>Runs the evaluations due up to the simulator's now.</summary>
    public void CatchUp() => _store.CatchUp(timeProvider.GetUtcNow(), _evaluator);

    public void CatchUp(DateTimeOffset now) => _store.CatchUp(now, _evaluator);

    public DateTimeOffset CaughtUpTo => _store.CaughtUpTo;

    public (string Alarm, DateTimeOffset At)? FirstInAlarm(IReadOnlyCollection<string> names, DateTimeOffset from, DateTimeOffset until) =>
        _store.FirstInAlarm(names, from, until);

    public void Register(AwsDispatcher dispatcher)
    {
        dispatcher.Add<PutMetricAlarmRequest, EmptyReply>(AwsService.CloudWatch, "PutMetricAlarm", PutMetricAlarm);
        dispatcher.Add<PutCompositeAlarmRequest, EmptyReply>(AwsService.CloudWatch, "PutCompositeAlarm", PutCompositeAlarm);
        dispatcher.Add<DescribeAlarmsRequest, DescribeAlarmsResponse>(AwsService.CloudWatch, "DescribeAlarms", DescribeAlarms);
        dispatcher.Add<DescribeAlarmHistoryRequest, DescribeAlarmHistoryResponse>(AwsService.CloudWatch, "DescribeAlarmHistory",
            DescribeAlarmHistory);
        dispatcher.Add<DeleteAlarmsRequest, EmptyReply>(AwsService.CloudWatch, "DeleteAlarms", DeleteAlarms);
        dispatcher.Add<SetAlarmStateRequest, EmptyReply>(AwsService.CloudWatch, "SetAlarmState", SetAlarmState);
    }

    /// <summary>Flips an alarm's state for testing; a metric alarm goes back to what its data says at the next evaluation.</summary>
    public EmptyReply SetAlarmState(SetAlarmStateRequest request)
    {
        AlarmValidator.AlarmName(request.AlarmName);
        if (request.StateValue is null)
        {
            throw CloudWatchErrors.MissingParameter("StateValue");
        }
        AlarmValidator.Enum(request.StateValue, "stateValue", AlarmValidator.StateValues);
        if (request.StateReason is null)
        {
            throw CloudWatchErrors.MissingParameter("StateReason");
        }
        if (request.StateReason.Length > MaxReasonLength)
        {
            throw AlarmValidator.ValidationError(request.StateReason, "stateReason", $"Member must have length less than or equal to {MaxReasonLength}");
        }
        if (request.StateReasonData is { } data)
        {
            if (data.Length > MaxReasonDataLength)
            {
                throw AlarmValidator.ValidationError(data, "stateReasonData", $"Member must have length less than or equal to {MaxReasonDataLength}");
            }
            try
            {
                using var _ = JsonDocument.Parse(data);
            }
            catch (JsonException)
            {
                throw new AwsErrorException("InvalidFormat", "Invalid JSON provided in StateReasonData.");
            }
        }
        CatchUp();
        if (!_store.SetState(request.AlarmName, request.StateValue, request.StateReason, request.StateReasonData, timeProvider.GetUtcNow()))
        {
            throw new AwsErrorException("ResourceNotFound", $"Alarm {request.AlarmName} not found", 404);
        }
        return new EmptyReply();
    }

    public EmptyReply PutMetricAlarm(PutMetricAlarmRequest request)
    {
        AlarmValidator.PutMetricAlarm(request);
        CatchUp();
        var now = timeProvider.GetUtcNow();
        _store.Upsert(request.AlarmName, previous =>
        {
            RequireSameType(previous, AlarmTypes.MetricAlarm, request.AlarmName);
            var state = State.Of(previous, now);
            return new StoredAlarm(new MetricAlarm
            {
                AlarmName = request.AlarmName,
                AlarmArn = Arn(request.AlarmName),
                AlarmDescription = request.AlarmDescription,
                AlarmConfigurationUpdatedTimestamp = now,
                ActionsEnabled = request.ActionsEnabled ?? true,
                OKActions = request.OKActions ?? [],
                AlarmActions = request.AlarmActions ?? [],
                InsufficientDataActions = request.InsufficientDataActions ?? [],
                StateValue = state.Value,
                StateReason = state.Reason,
                StateUpdatedTimestamp = state.Updated,
                StateTransitionedTimestamp = state.Transitioned,
                MetricName = request.MetricName,
                Namespace = request.Namespace,
                Statistic = request.Statistic,
                ExtendedStatistic = request.ExtendedStatistic,
                Dimensions = request.Metrics is null ? request.Dimensions ?? [] : null,
                Period = request.Period,
                Unit = request.Unit,
                EvaluationPeriods = request.EvaluationPeriods,
                DatapointsToAlarm = request.DatapointsToAlarm,
                Threshold = request.Threshold,
                ComparisonOperator = request.ComparisonOperator,
                TreatMissingData = request.TreatMissingData,
                EvaluateLowSampleCountPercentile = request.EvaluateLowSampleCountPercentile,
                Metrics = request.Metrics,
                ThresholdMetricId = request.ThresholdMetricId,
            }, null);
        }, now);
        return new EmptyReply();
    }

    public EmptyReply PutCompositeAlarm(PutCompositeAlarmRequest request)
    {
        AlarmValidator.PutCompositeAlarm(request);
        CatchUp();
        var now = timeProvider.GetUtcNow();
        _store.Upsert(request.AlarmName, previous =>
        {
            RequireSameType(previous, AlarmTypes.CompositeAlarm, request.AlarmName);
            var state = State.Of(previous, now);
            return new StoredAlarm(null, new CompositeAlarm
            {
                AlarmName = request.AlarmName,
                AlarmArn = Arn(request.AlarmName),
                AlarmDescription = request.AlarmDescription,
                AlarmRule = request.AlarmRule,
                AlarmConfigurationUpdatedTimestamp = now,
                ActionsEnabled = request.ActionsEnabled ?? true,
                OKActions = request.OKActions ?? [],
                AlarmActions = request.AlarmActions ?? [],
                InsufficientDataActions = request.InsufficientDataActions ?? [],
                StateValue = state.Value,
                StateReason = state.Reason,
                StateUpdatedTimestamp = state.Updated,
                StateTransitionedTimestamp = state.Transitioned,
                ActionsSuppressor = request.ActionsSuppressor,
                ActionsSuppressorWaitPeriod = request.ActionsSuppressorWaitPeriod,
                ActionsSuppressorExtensionPeriod = request.ActionsSuppressorExtensionPeriod,
            });
        }, now);
        return new EmptyReply();
    }

    public DescribeAlarmsResponse DescribeAlarms(DescribeAlarmsRequest request)
    {
        AlarmValidator.NameList(request.AlarmNames, "alarmNames");
        if (request.AlarmNames is { Count: > 0 } && request.AlarmNamePrefix is not null)
        {
            throw CloudWatchErrors.InvalidParameterCombination("AlarmNames and AlarmNamePrefix cannot be specified together.");
        }
        if (request.ChildrenOfAlarmName is not null && request.ParentsOfAlarmName is not null)
        {
            throw CloudWatchErrors.InvalidParameterCombination("ChildrenOfAlarmName and ParentsOfAlarmName cannot be specified together.");
        }
        var types = request.AlarmTypes is { Count: > 0 } requested ? requested : [AlarmTypes.MetricAlarm];
        foreach (var type in types)
        {
            AlarmValidator.Enum(type, "alarmTypes", AlarmValidator.Types);
        }
        if (request.StateValue is not null)
        {
            AlarmValidator.Enum(request.StateValue, "stateValue", AlarmValidator.StateValues);
        }
        var maxRecords = AlarmValidator.MaxRecords(request.MaxRecords, 50);
        var fingerprint = PageToken.Fingerprint(request.AlarmNames, request.AlarmNamePrefix, types, request.ChildrenOfAlarmName,
            request.ParentsOfAlarmName, request.StateValue, request.ActionPrefix);
        var after = request.NextToken is { } token ? DecodeCursor<AlarmCursor>(token, c => c.F == fingerprint) : null;

        CatchUp();
        var all = _store.Alarms();
        var names = request.AlarmNames?.ToHashSet(StringComparer.Ordinal);
        var related = Related(all, request.ChildrenOfAlarmName, request.ParentsOfAlarmName);
        var matching = all
            .Where(a => types.Contains(a.Type, StringComparer.Ordinal))
            .Where(a => names is not { Count: > 0 } || names.Contains(a.Name))
            .Where(a => request.AlarmNamePrefix is null || a.Name.StartsWith(request.AlarmNamePrefix, StringComparison.Ordinal))
            .Where(a => request.StateValue is null || a.StateValue == request.StateValue)
            .Where(a => request.ActionPrefix is null || Actions(a).Any(x => x.StartsWith(request.ActionPrefix, StringComparison.Ordinal)))
            .Where(a => related is null || related.Contains(a.Name))
            // Metric alarms first, then composites, each by name: the order a cursor can resume from.
            .OrderBy(a => a.Type == AlarmTypes.MetricAlarm ? 0 : 1).ThenBy(a => a.Name, StringComparer.Ordinal)
            .Where(a => after is null || (a.Type == after.T ? string.CompareOrdinal(a.Name, after.N) > 0 : a.Type == AlarmTypes.CompositeAlarm && after.T == AlarmTypes.MetricAlarm))
            .ToList();
        var page = matching.Take(maxRecords).ToList();
        var next = matching.Count > page.Count ? PageToken.Encode(new AlarmCursor(fingerprint, page[^1].Type, page[^1].Name)) : null;
        return new DescribeAlarmsResponse(
            page.Where(a => a.Metric is not null).Select(a => a.Metric!).ToList(),
            page.Where(a => a.Composite is not null).Select(a => a.Composite!).ToList(),
            next);
    }

    public DescribeAlarmHistoryResponse DescribeAlarmHistory(DescribeAlarmHistoryRequest request)
    {
        if (request.AlarmName is not null)
        {
            AlarmValidator.AlarmName(request.AlarmName);
        }
        var types = request.AlarmTypes is { Count: > 0 } requested ? requested : [AlarmTypes.MetricAlarm];
        foreach (var type in types)
        {
            AlarmValidator.Enum(type, "alarmTypes", AlarmValidator.Types);
        }
        if (request.HistoryItemType is not null)
        {
            AlarmValidator.Enum(request.HistoryItemType, "historyItemType", AlarmValidator.HistoryTypes);
        }
        if (request.ScanBy is not null)
        {
            AlarmValidator.Enum(request.ScanBy, "scanBy", [ScanBy.TimestampDescending, ScanBy.TimestampAscending]);
        }
        if (request.StartDate is { } start && request.EndDate is { } end && start > end)
        {
            throw CloudWatchErrors.InvalidParameterValue("The parameter StartDate must be less than or equal to the parameter EndDate.");
        }
        var maxRecords = AlarmValidator.MaxRecords(request.MaxRecords, 100);
        var ascending = request.ScanBy == ScanBy.TimestampAscending;
        var fingerprint = PageToken.Fingerprint(request.AlarmName, types, request.HistoryItemType, request.StartDate, request.EndDate,
            request.ScanBy);
        var after = request.NextToken is { } token ? DecodeCursor<HistoryCursor>(token, c => c.F == fingerprint) : null;

        CatchUp();
        var matching = _store.History()
            .Where(h => request.AlarmName is null || h.Item.AlarmName == request.AlarmName)
            .Where(h => types.Contains(h.Item.AlarmType ?? "", StringComparer.Ordinal))
            .Where(h => request.HistoryItemType is null || h.Item.HistoryItemType == request.HistoryItemType)
            .Where(h => request.StartDate is null || h.Item.Timestamp >= request.StartDate)
            .Where(h => request.EndDate is null || h.Item.Timestamp <= request.EndDate)
            .Where(h => after is null || (ascending ? Compare(h, after) > 0 : Compare(h, after) < 0));
        var ordered = (ascending
            ? matching.OrderBy(h => h.Item.Timestamp).ThenBy(h => h.Sequence)
            : matching.OrderByDescending(h => h.Item.Timestamp).ThenByDescending(h => h.Sequence)).ToList();
        var page = ordered.Take(maxRecords).ToList();
        var next = ordered.Count > page.Count
            ? PageToken.Encode(new HistoryCursor(fingerprint, page[^1].Item.Timestamp.UtcTicks, page[^1].Sequence))
            : null;
        return new DescribeAlarmHistoryResponse(page.Select(h => h.Item).ToList(), next);

        static int Compare(StoredHistoryItem item, HistoryCursor cursor)
        {
            var byTime = item.Item.Timestamp.UtcTicks.CompareTo(cursor.T);
            return byTime != 0 ? byTime : item.Sequence.CompareTo(cursor.S);
        }
    }

    public EmptyReply DeleteAlarms(DeleteAlarmsRequest request)
    {
        if (request.AlarmNames is null)
        {
            throw CloudWatchErrors.MissingParameter("AlarmNames");
        }
        AlarmValidator.NameList(request.AlarmNames, "alarmNames");
        foreach (var name in request.AlarmNames)
        {
            AlarmValidator.AlarmName(name, "alarmNames.member");
        }
        CatchUp();
        _store.Delete(request.AlarmNames, timeProvider.GetUtcNow());
        return new EmptyReply();
    }

    private string Arn(string name) => $"arn:aws:cloudwatch:{region}:{accountId}:alarm:{name}";

    private static void RequireSameType(StoredAlarm? previous, string type, string name)
    {
        if (previous is not null && previous.Type != type)
        {
            throw CloudWatchErrors.InvalidParameterValue($"An alarm named {name} already exists and is not a {type}.");
        }
    }

    private static IEnumerable<string> Actions(StoredAlarm alarm) =>
        alarm.Metric is { } m
            ? (m.AlarmActions ?? []).Concat(m.OKActions ?? []).Concat(m.InsufficientDataActions ?? [])
            : (alarm.Composite!.AlarmActions ?? []).Concat(alarm.Composite.OKActions ?? []).Concat(alarm.Composite.InsufficientDataActions ?? []);

    /// <summary>Names of the alarms a composite's rule refers to, or of the composites referring to one; null without either filter.</summary>
    private static HashSet<string>? Related(IReadOnlyList<StoredAlarm> all, string? childrenOf, string? parentsOf)
    {
        if (childrenOf is not null)
        {
            var rule = all.FirstOrDefault(a => a.Name == childrenOf)?.Composite?.AlarmRule ?? "";
            return RuleReferences(rule).ToHashSet(StringComparer.Ordinal);
        }
        if (parentsOf is not null)
        {
            return all.Where(a => a.Composite?.AlarmRule is { } r && RuleReferences(r).Contains(parentsOf))
                .Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        }
        return null;
    }

    private static IEnumerable<string> RuleReferences(string rule) =>
        RuleFunction().Matches(rule).Select(m => m.Groups["name"].Value.Trim());

    [GeneratedRegex("""\b(?:ALARM|OK|INSUFFICIENT_DATA)\s*\(\s*"?(?<name>[^")]+?)"?\s*\)""")]
    private static partial Regex RuleFunction();

    private static T DecodeCursor<T>(string token, Func<T, bool> valid) where T : class =>
        PageToken.TryDecode<T>(token, out var cursor) && valid(cursor!) ? cursor! : throw CloudWatchErrors.InvalidNextToken();

    private sealed record AlarmCursor(string F, string T, string N);

    private sealed record HistoryCursor(string F, long T, long S);

    /// <summary>A new alarm starts INSUFFICIENT_DATA; an overwritten one keeps its state, as on AWS.</summary>
    private sealed record State(string Value, string Reason, DateTimeOffset Updated, DateTimeOffset Transitioned)
    {
        public static State Of(StoredAlarm? previous, DateTimeOffset now) => previous switch
        {
            { Metric: { } m } => new(m.StateValue!, m.StateReason!, m.StateUpdatedTimestamp!.Value, m.StateTransitionedTimestamp!.Value),
            { Composite: { } c } => new(c.StateValue!, c.StateReason!, c.StateUpdatedTimestamp!.Value, c.StateTransitionedTimestamp!.Value),
            _ => new(AlarmStates.InsufficientData, InitialReason, now, now),
        };
    }
}
