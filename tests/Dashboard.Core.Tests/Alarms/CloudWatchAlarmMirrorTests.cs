using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms.Mirror;
using Dashboard.Core.Alarms;
using Dashboard.Core.CloudWatch;
using Dashboard.Core.Fleet;
using Dashboard.Core.Live;
using Dashboard.Core.Metrics;
using Dashboard.Core.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.Alarms;

public class CloudWatchAlarmMirrorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_767_225_600));
    private readonly MemoryStore _store = new();
    private readonly FakeAlarmsClient _client = new();
    private readonly LiveStore _live;
    private readonly ExternalAlarms _external = new();
    private readonly CloudWatchAlarmMirror _mirror;
    private readonly AlarmMirrorCollector _collector;

    public CloudWatchAlarmMirrorTests()
    {
        _live = new LiveStore(_time);
        var options = Options.Create(new AlarmOptions());
        _mirror = new CloudWatchAlarmMirror(_client, _store, options, _time, NullLogger<CloudWatchAlarmMirror>.Instance);
        _collector = new AlarmMirrorCollector(_store, _client, _mirror, _external, _live, _time, options, NullLogger<AlarmMirrorCollector>.Instance);
    }

    private static AlarmDefinition Alarm(string name, bool mirror = true) => new()
    {
        Name = name,
        Metric = SeriesKey.Create("AWS/SageMaker", "Invocations", [new("EndpointName", "ep"), new("VariantName", "v")], "Sum", 60),
        Threshold = 10,
        MirrorToCloudWatch = mirror,
    };

    [Fact]
    public async Task SavedAsync_Mirrored_PutsAndRecordsNoError()
    {
        _store.Add(Alarm("a"));

        await _mirror.SavedAsync(Alarm("a"), Ct);

        Assert.Equal(["PutMetricAlarm a"], _client.Calls);
        Assert.Null(_store.Views["a"].Error);
    }

    [Fact]
    public async Task SavedAsync_NotMirroredNeverMirrored_NoCall()
    {
        _store.Add(Alarm("a", mirror: false));

        await _mirror.SavedAsync(Alarm("a", mirror: false), Ct);

        Assert.Empty(_client.Calls);
    }

    [Fact]
    public async Task SavedAsync_NoLongerMirrored_DeletesOnlyOurOwnAlarm()
    {
        _store.Add(Alarm("a"));
        await _mirror.SavedAsync(Alarm("a"), Ct);

        await _mirror.SavedAsync(Alarm("a", mirror: false), Ct);

        Assert.Equal(["PutMetricAlarm a", "DescribeAlarms a", "DeleteAlarms a"], _client.Calls);
        Assert.Empty(_client.Alarms);
    }

    [Fact]
    public async Task SavedAsync_SameNameNotOurs_NotDeleted()
    {
        _store.Add(Alarm("a"));
        _store.Views["a"] = new CloudWatchView(null, null, 0);
        _client.Alarms["a"] = new MetricAlarm { AlarmName = "a", AlarmDescription = "made by hand" };

        await _mirror.SavedAsync(Alarm("a", mirror: false), Ct);

        Assert.Equal(["DescribeAlarms a"], _client.Calls);
        Assert.True(_client.Alarms.ContainsKey("a"));
    }

    [Fact]
    public async Task SavedAsync_AwsFault_RecordedNotThrown()
    {
        _store.Add(Alarm("a"));
        _client.Fault = new AwsServiceException("CloudWatch", "Throttling", "Rate exceeded", 400, "r1");

        await _mirror.SavedAsync(Alarm("a"), Ct);

        Assert.Equal("PutMetricAlarm failed (Throttling, HTTP 400): CloudWatch: Throttling: Rate exceeded", _store.Views["a"].Error);
        Assert.Null(_store.Views["a"].State);
    }

    [Fact]
    public async Task DeletedAsync_Mirrored_DeletesAndToleratesNotFound()
    {
        await _mirror.DeletedAsync(Alarm("a"), Ct);
        await _mirror.DeletedAsync(Alarm("b", mirror: false), Ct);

        Assert.Equal(["DeleteAlarms a"], _client.Calls);
    }

    [Fact]
    public async Task Poll_MirroredAlarm_RecordsCloudWatchStateAndChangeTime()
    {
        _store.Add(Alarm("a"));
        await _mirror.SavedAsync(Alarm("a"), Ct);
        _client.Alarms["a"] = _client.Alarms["a"] with
        {
            StateValue = "ALARM",
            StateReason = "Threshold Crossed",
            StateUpdatedTimestamp = _time.GetUtcNow().AddMinutes(-5),
        };
        _time.Advance(TimeSpan.FromMinutes(1));

        await _collector.RunOnceAsync(Ct);

        Assert.Equal(new CloudWatchView(AlarmState.Alarm, "Threshold Crossed", _time.GetUtcNow().ToUnixTimeSeconds(), null,
            _time.GetUtcNow().AddMinutes(-6).ToUnixTimeSeconds()), _store.Views["a"]);
        Assert.False(_live.Sources[AlarmMirrorCollector.SourceName].IsFailing);
    }

    [Fact]
    public async Task Poll_FailedSaveThenServiceBack_PutsAgainAndReadsState()
    {
        _store.Add(Alarm("a"));
        _client.Fault = new AwsServiceException("CloudWatch", "InternalServiceError", "boom", 500, "r1");
        await _mirror.SavedAsync(Alarm("a"), Ct);
        Assert.NotNull(_store.Views["a"].Error);

        _client.Fault = null;
        await _collector.RunOnceAsync(Ct);

        Assert.Contains("PutMetricAlarm a", _client.Calls.Skip(1));
        Assert.Equal(AlarmState.InsufficientData, _store.Views["a"].State);
        Assert.Null(_store.Views["a"].Error);
    }

    [Fact]
    public async Task Poll_MirroredAlarmMissingInCloudWatch_PutAgain()
    {
        _store.Add(Alarm("a"));
        _store.Views["a"] = new CloudWatchView(AlarmState.Ok, "fine", 0);

        await _collector.RunOnceAsync(Ct);

        Assert.Equal(["DescribeAlarms a", "PutMetricAlarm a", "DescribeAlarms a", "DescribeAlarms *"], _client.Calls);
        Assert.True(_client.Alarms.ContainsKey("a"));
    }

    [Fact]
    public async Task Poll_ManyMirroredAlarms_DescribedInBatchesOfAHundredNames()
    {
        for (var i = 0; i < 250; i++)
        {
            _store.Add(Alarm($"a{i:000}"));
            _client.Alarms[$"a{i:000}"] = new MetricAlarm { AlarmName = $"a{i:000}", StateValue = "OK" };
        }

        await _collector.RunOnceAsync(Ct);

        Assert.Equal([100, 100, 50], _client.NameBatches);
        Assert.Equal(250, _store.Views.Values.Count(v => v.State == AlarmState.Ok));
    }

    [Fact]
    public async Task Poll_ExternalAlarms_ListedForFleetEndpointsOnly()
    {
        _live.PublishFleet([new EndpointState("ep", "arn", "InService", null, default, default, null, [], default)]);
        _client.Alarms["hand-made"] = new MetricAlarm
        {
            AlarmName = "hand-made",
            MetricName = "Invocations",
            Namespace = "AWS/SageMaker",
            Statistic = "Sum",
            Period = 60,
            Dimensions = [new("EndpointName", "ep")],
            StateValue = "OK",
            ComparisonOperator = "LessThanThreshold",
            Threshold = 1,
            EvaluationPeriods = 1,
        };
        _client.Alarms["elsewhere"] = new MetricAlarm { AlarmName = "elsewhere", Dimensions = [new("EndpointName", "other")] };

        await _collector.RunOnceAsync(Ct);

        var alarm = Assert.Single(_external.All);
        Assert.Equal("hand-made", alarm.Name);
        Assert.Equal("Invocations Sum (60 s) < 1.0 for 1 of 1 periods", alarm.Condition);
        Assert.Equal(_time.GetUtcNow(), _external.ReadAt);
    }

    [Fact]
    public async Task Poll_DescribeFails_SourceFailingAndViewsKept()
    {
        _store.Add(Alarm("a"));
        _store.Views["a"] = new CloudWatchView(AlarmState.Ok, "fine", 0);
        _client.Fault = new AwsServiceException("CloudWatch", "InternalServiceError", "boom", 500, "r1");

        await _collector.RunOnceAsync(Ct);

        Assert.True(_live.Sources[AlarmMirrorCollector.SourceName].IsFailing);
        Assert.Equal(new CloudWatchView(AlarmState.Ok, "fine", 0), _store.Views["a"]);
    }

    /// <summary>CloudWatch's alarm operations over a dictionary; pages hold 100 alarms.</summary>
    private sealed class FakeAlarmsClient : ICloudWatchAlarmsClient
    {
        public Dictionary<string, MetricAlarm> Alarms { get; } = new(StringComparer.Ordinal);
        public List<string> Calls { get; } = [];
        public List<int> NameBatches { get; } = [];
        public AwsServiceException? Fault { get; set; }

        public Task PutMetricAlarmAsync(PutMetricAlarmRequest request, CancellationToken cancellationToken = default)
        {
            Calls.Add("PutMetricAlarm " + request.AlarmName);
            ThrowIfFaulted();
            Alarms[request.AlarmName] = Alarms.TryGetValue(request.AlarmName, out var existing)
                ? existing with { AlarmDescription = request.AlarmDescription }
                : new MetricAlarm { AlarmName = request.AlarmName, AlarmDescription = request.AlarmDescription, StateValue = "INSUFFICIENT_DATA" };
            return Task.CompletedTask;
        }

        public Task PutCompositeAlarmAsync(PutCompositeAlarmRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<DescribeAlarmsResponse> DescribeAlarmsAsync(DescribeAlarmsRequest request, CancellationToken cancellationToken = default)
        {
            Calls.Add("DescribeAlarms " + (request.AlarmNames is { } names ? string.Join(",", names.Count > 3 ? ["…"] : names) : "*"));
            ThrowIfFaulted();
            Assert.Equal([AlarmTypes.MetricAlarm, AlarmTypes.CompositeAlarm], request.AlarmTypes!);
            if (request.AlarmNames is { } requested)
            {
                NameBatches.Add(requested.Count);
            }
            var matching = Alarms.Values.Where(a => request.AlarmNames is null || request.AlarmNames.Contains(a.AlarmName))
                .OrderBy(a => a.AlarmName, StringComparer.Ordinal).ToList();
            var skip = request.NextToken is { } token ? int.Parse(token, System.Globalization.CultureInfo.InvariantCulture) : 0;
            var page = matching.Skip(skip).Take(100).ToList();
            var next = skip + page.Count < matching.Count ? (skip + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            return Task.FromResult(new DescribeAlarmsResponse(page, [], next));
        }

        public Task<DescribeAlarmHistoryResponse> DescribeAlarmHistoryAsync(DescribeAlarmHistoryRequest request,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task SetAlarmStateAsync(SetAlarmStateRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task DeleteAlarmsAsync(DeleteAlarmsRequest request, CancellationToken cancellationToken = default)
        {
            Calls.Add("DeleteAlarms " + string.Join(",", request.AlarmNames));
            ThrowIfFaulted();
            if (!request.AlarmNames.Any(Alarms.ContainsKey))
            {
                throw new AwsServiceException("CloudWatch", "ResourceNotFound", "not found", 404, "r");
            }
            foreach (var name in request.AlarmNames)
            {
                Alarms.Remove(name);
            }
            return Task.CompletedTask;
        }

        private void ThrowIfFaulted()
        {
            if (Fault is { } fault)
            {
                throw fault;
            }
        }
    }

    private sealed class MemoryStore : IAlarmStore
    {
        private readonly Dictionary<string, AlarmDefinition> _alarms = new(StringComparer.Ordinal);

        public Dictionary<string, CloudWatchView> Views { get; } = new(StringComparer.Ordinal);

        public void Add(AlarmDefinition alarm) => _alarms[alarm.Name] = alarm;

        public Task<IReadOnlyList<AlarmEntry>> ListAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<AlarmEntry>>(_alarms.Values
                .Select(a => new AlarmEntry(a, AlarmStatus.Initial(0) with { CloudWatch = Views.GetValueOrDefault(a.Name) }, "x", default)).ToList());

        public Task<IReadOnlyList<AlarmEntry>> ListForEvaluationAsync(CancellationToken cancellationToken = default) => ListAsync(cancellationToken);

        public async Task<AlarmEntry?> FindAsync(string name, CancellationToken cancellationToken = default) =>
            (await ListAsync(cancellationToken)).FirstOrDefault(e => e.Definition.Name == name);

        public Task RecordCloudWatchAsync(string name, CloudWatchView view, CancellationToken cancellationToken = default)
        {
            if (_alarms.ContainsKey(name))
            {
                Views[name] = view;
            }
            return Task.CompletedTask;
        }

        public Task CreateAsync(AlarmDefinition alarm, Actor actor, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task UpdateAsync(AlarmDefinition alarm, Actor actor, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task DeleteAsync(string name, Actor actor, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<AlarmTransition>> ApplyAsync(IReadOnlyList<AlarmOutcome> outcomes, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<AlarmTransition>> HistoryAsync(AlarmHistoryFilter filter, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
