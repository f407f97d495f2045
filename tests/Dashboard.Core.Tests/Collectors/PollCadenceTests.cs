using Dashboard.Core.CloudWatch;
using Dashboard.Core.Collectors;
using Dashboard.Core.Live;
using Dashboard.Core.Metrics;
using Dashboard.Core.SageMaker;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Dashboard.Core.Tests.Collectors.CollectorTestData;

namespace Dashboard.Core.Tests.Collectors;

/// <summary>
/// Each series as often as its use needs, at the default settings: alarm-read series and every series of an endpoint
/// deploying or in ALARM every minute, the vital RED series every 5 minutes, the rest of a quiet endpoint hourly, read
/// with every minute since the last read.
/// </summary>
public sealed class PollCadenceTests
{
    private readonly FakeTimeProvider _time = new(Now);
    private readonly FakeCloudWatchClient _cloudWatch = new();
    private readonly FakeCoverageQueries _coverage = new();
    private readonly RecordingMetricWriter _writer = new();
    private readonly LiveStore _live;
    private readonly MetricCollector _collector;

    public PollCadenceTests()
    {
        _live = new LiveStore(_time);
        _live.PublishFleet([Endpoint("quiet"), Endpoint("deploying", EndpointStatuses.Updating), Endpoint("alarming")]);
        foreach (var endpoint in new[] { "quiet", "deploying", "alarming" })
        {
            _cloudWatch.Metrics.Add(InvocationMetric(SageMakerMetrics.Invocations, endpoint));
            _cloudWatch.Metrics.Add(InvocationMetric(SageMakerMetrics.ModelLatency, endpoint));
            _cloudWatch.Metrics.Add(new Metric(SageMakerMetrics.InstanceNamespace, SageMakerMetrics.CpuUtilization,
                [new Dimension("EndpointName", endpoint), new Dimension("VariantName", "AllTraffic")]));
        }
        _live.PublishAlarmingEndpoints(new HashSet<string>(StringComparer.Ordinal) { "alarming" });
        _collector = new MetricCollector(_cloudWatch, _writer, _coverage, _live, Options.Create(new CollectorOptions { BackfillDays = 1 }),
            _time, NullLogger<MetricCollector>.Instance);
    }

    [Fact]
    public void Of_Defaults_SortsEachSeriesByItsUse()
    {
        var inputs = new CadenceInputs(new HashSet<string> { "deploying" }, new HashSet<string> { "alarming" }, new HashSet<SeriesKey> { Cpu("watched") });

        Assert.Equal(SeriesCadence.Urgent, PollCadence.Of(Cpu("watched"), inputs));
        Assert.Equal(SeriesCadence.Urgent, PollCadence.Of(Key(SageMakerMetrics.ModelLatency, "deploying", "p50"), inputs));
        Assert.Equal(SeriesCadence.Urgent, PollCadence.Of(Cpu("alarming"), inputs));
        Assert.Equal(SeriesCadence.Vital, PollCadence.Of(Key(SageMakerMetrics.Invocation5XXErrors, "quiet"), inputs));
        Assert.Equal(SeriesCadence.Vital, PollCadence.Of(Key(SageMakerMetrics.ModelLatency, "quiet", "p90"), inputs));
        Assert.Equal(SeriesCadence.Slow, PollCadence.Of(Key(SageMakerMetrics.ModelLatency, "quiet", "p99"), inputs));
        Assert.Equal(SeriesCadence.Slow, PollCadence.Of(Cpu("quiet"), inputs));
        Assert.Equal(SeriesCadence.Hourly, PollCadence.Of(DriftKey("deploying"), inputs));
        var defaults = new CollectorOptions();
        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(60)],
            new[] { SeriesCadence.Urgent, SeriesCadence.Vital, SeriesCadence.Slow }.Select(c => PollCadence.IntervalOf(c, defaults)));
    }

    [Fact]
    public async Task RunOnceAsync_AlarmReadsAQuietEndpointsCpu_ReadEveryMinuteWhileItsOtherSlowSeriesWait()
    {
        var ct = TestContext.Current.CancellationToken;
        _live.PublishWatchedSeries(new HashSet<SeriesKey> { Cpu("quiet") });
        await _collector.RunOnceAsync(ct);

        for (var minute = 1; minute <= 5; minute++)
        {
            var asked = await NextMinuteAsync(ct);

            Assert.Contains(Cpu("quiet"), asked);
            Assert.DoesNotContain(Key(SageMakerMetrics.ModelLatency, "quiet", "p99"), asked);
        }
    }

    [Fact]
    public async Task RunOnceAsync_DeployingEndpoint_EverySeriesEveryMinute()
    {
        var ct = TestContext.Current.CancellationToken;
        await _collector.RunOnceAsync(ct);

        var asked = await NextMinuteAsync(ct);

        var deploying = asked.Where(k => k.EndpointName == "deploying").ToList();
        Assert.Equal(6, deploying.Count); // Invocations, ModelLatency × 4 statistics, CPU
        Assert.Contains(Cpu("deploying"), deploying);
    }

    [Fact]
    public async Task RunOnceAsync_EndpointWithAnAlarmInAlarm_EverySeriesEveryMinute_AndBackToItsCadenceWhenItClears()
    {
        var ct = TestContext.Current.CancellationToken;
        await _collector.RunOnceAsync(ct);

        Assert.Equal(6, (await NextMinuteAsync(ct)).Count(k => k.EndpointName == "alarming"));

        // Back to its cadence: the vital series 5 minutes after their last read, the others an hour after.
        _live.PublishAlarmingEndpoints(new HashSet<string>(StringComparer.Ordinal));
        var afterOk = new List<SeriesKey>();
        for (var minute = 1; minute <= 5; minute++)
        {
            var asked = (await NextMinuteAsync(ct)).Where(k => k.EndpointName == "alarming").ToList();
            Assert.True(minute == 5 || asked.Count == 0, $"read at minute {minute}");
            afterOk.AddRange(asked);
        }
        Assert.Equal(["Invocations Sum", "ModelLatency p90"], afterOk.Select(k => $"{k.MetricName} {k.Stat}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunOnceAsync_QuietEndpoint_VitalSeriesEveryFiveMinutes_CpuOnlyEverySlowIntervalWithNoGap()
    {
        var ct = TestContext.Current.CancellationToken;
        await _collector.RunOnceAsync(ct);
        var backfilled = Coverage(Cpu("quiet"));

        for (var minute = 1; minute < 60; minute++)
        {
            var asked = await NextMinuteAsync(ct);
            Assert.Equal(minute % 5 == 0, asked.Contains(Key(SageMakerMetrics.Invocations, "quiet")));
            Assert.False(asked.Contains(Cpu("quiet")), $"CPU read at minute {minute}");
        }
        var requestsBefore = _cloudWatch.Requests.Count;
        var read = await NextMinuteAsync(ct);

        Assert.Contains(Cpu("quiet"), read);
        // One request window for everything due, reaching back past the last read: every minute since comes in.
        var request = Assert.Single(_cloudWatch.Requests.Skip(requestsBefore));
        Assert.True(request.StartTime.ToUnixTimeSeconds() <= backfilled.To - 10 * Minute, $"window starts {request.StartTime:HH:mm}");
        var after = Coverage(Cpu("quiet"));
        Assert.Equal(backfilled.From, after.From);
        Assert.Equal(_time.GetUtcNow().ToUnixTimeSeconds() / Minute * Minute, after.To);
    }

    /// <summary>A minute later, one poll: the series it asked for.</summary>
    private async Task<List<SeriesKey>> NextMinuteAsync(CancellationToken ct)
    {
        var before = _cloudWatch.Requests.Count;
        _time.Advance(TimeSpan.FromMinutes(1));
        await _collector.RunOnceAsync(ct);
        return _cloudWatch.Requests.Skip(before)
            .SelectMany(r => r.MetricDataQueries.Select(q => ToKey(q.MetricStat!))).ToList();
    }

    private FetchedRange Coverage(SeriesKey key) =>
        _writer.All.Where(w => w.Key == key && w.Coverage is not null).Select(w => w.Coverage!.Value).Last();

    private static SeriesKey ToKey(MetricStat stat) =>
        SeriesKey.Create(stat.Metric.Namespace, stat.Metric.MetricName, stat.Metric.Dimensions.Select(d => KeyValuePair.Create(d.Name, d.Value)),
            stat.Stat, stat.Period);

    private static SeriesKey Cpu(string endpoint) =>
        SeriesKey.Create(SageMakerMetrics.InstanceNamespace, SageMakerMetrics.CpuUtilization,
            [KeyValuePair.Create("EndpointName", endpoint), KeyValuePair.Create("VariantName", "AllTraffic")], "Average", SageMakerMetrics.MinutePeriod);
}
