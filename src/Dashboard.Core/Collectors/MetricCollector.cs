using Dashboard.Core.CloudWatch;
using Dashboard.Core.Live;
using Dashboard.Core.Metrics;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Storage;
using Dashboard.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Collectors;

/// <summary>
/// Polls CloudWatch for every discovered series: the first start backfills history (newest first, so charts fill
/// from now backwards), later polls fetch what is new plus a trailing window. Each page of results is stored
/// before the next is requested, with the range it covers, so an interrupted backfill resumes where it stopped.
/// </summary>
public sealed class MetricCollector(
    ICloudWatchClient cloudWatch,
    IMetricWriter writer,
    ICoverageQueries coverageQueries,
    LiveStore live,
    IOptions<CollectorOptions> options,
    TimeProvider timeProvider,
    ILogger<MetricCollector> logger) : PollingCollector(live, timeProvider, logger)
{
    public const string SourceName = "CloudWatch";
    public const int MaxQueriesPerCall = 500;

    private Dictionary<SeriesKey, FetchedRange>? _coverage;
    private IReadOnlyList<SeriesKey> _series = [];
    private HashSet<SeriesKey> _discovered = [];
    private HashSet<SeriesKey> _discoveredMetrics = [];
    private HashSet<string> _discoveredFor = new(StringComparer.Ordinal);
    private HashSet<string> _discoveredConfigs = new(StringComparer.Ordinal);
    private DateTimeOffset _discoveredAt = DateTimeOffset.MinValue;

    protected override string Source => SourceName;

    protected override TimeSpan Interval => options.Value.MetricInterval;

    protected override TimeSpan MaxBackoff => options.Value.MaxBackoff;

    /// <summary>GetMetricData calls made so far (for tests and the cost figures).</summary>
    public int GetMetricDataCalls { get; private set; }

    /// <summary>What each poll may ask for: the series discovered for the fleet and those alarms read besides.</summary>
    public IReadOnlyList<SeriesKey> Series => WithAlarmSeries();

    /// <summary>Metrics requested so far: what CloudWatch bills GetMetricData by.</summary>
    public long MetricsRequested { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Started again when this replica takes the worker lease back: another replica may have fetched since, so what
        // is stored is read afresh rather than trusted from the last time this one ran.
        _coverage = null;
        // Series are discovered for the fleet's endpoints, so the first poll waits for the fleet collector.
        while (Live.Fleet.Count == 0 && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), Time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        await base.ExecuteAsync(stoppingToken);
    }

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        var endpoints = Live.Fleet.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        if (endpoints.Count == 0)
        {
            return; // the fleet collector has not answered yet
        }
        _coverage ??= new Dictionary<SeriesKey, FetchedRange>(await coverageQueries.GetCoverageAsync(cancellationToken));
        await DiscoverIfDueAsync(endpoints, cancellationToken);

        var now = Time.GetUtcNow();
        var settings = options.Value;
        var plan = PollPlanner.Plan(DueSeries(now), _coverage, now, settings.BackfillDays, settings.TrailingWindow,
            PollCadence.SlowestMinuteInterval(settings) + settings.TrailingWindow);
        if (plan.Count == 0)
        {
            return;
        }
        var pollEnd = plan[0].End;
        var backfill = plan.Count > 1;
        var started = Time.GetTimestamp();
        var callsBefore = GetMetricDataCalls;
        for (var i = 0; i < plan.Count; i++)
        {
            await FetchWindowAsync(plan[i], pollEnd, cancellationToken);
            if (backfill)
            {
                Live.PublishBackfill(new BackfillProgress(i + 1, plan.Count, DateTimeOffset.FromUnixTimeSeconds(plan[i].Start)));
            }
        }
        if (backfill)
        {
            logger.LogInformation("Fetched {Windows} windows of history for {Series} series with {Calls} GetMetricData calls in {Seconds:0.0} s",
                plan.Count, _series.Count, GetMetricDataCalls - callsBefore, Time.GetElapsedTime(started).TotalSeconds);
        }
    }

    /// <summary>
    /// The series this poll should read: each once its cadence's interval has passed since its last read
    /// (<see cref="PollCadence"/>), or whenever it misses history. CloudWatch bills per metric requested, so this is the
    /// cost knob; the planner reads every minute since the last read, so a rarely read series has no gap.
    /// </summary>
    private IReadOnlyList<SeriesKey> DueSeries(DateTimeOffset now)
    {
        var inputs = CadenceInputs.From(Live);
        // A read covers up to the minute it was made in, so intervals are counted from minute to minute; half a minute
        // of slack, as polls do not land on the same second every time.
        var minute = now.ToUnixTimeSeconds() / 60 * 60;
        // A series whose history does not reach the backfill horizon yet (an interrupted backfill) is due until it does.
        var horizon = minute - options.Value.BackfillDays * 86_400L;
        horizon -= horizon % 3600;
        return WithAlarmSeries().Where(s => !_coverage!.TryGetValue(s, out var range)
            || s.Period >= SageMakerMetrics.HourPeriod
            || range.From > horizon
            || range.To <= minute + 30 - (long)PollCadence.IntervalOf(s, inputs, options.Value).TotalSeconds).ToList();
    }

    /// <summary>
    /// The discovered series, plus those alarms read that discovery does not list: another statistic or period of a
    /// discovered metric (an alarm on ModelLatency p95, say), which CloudWatch computes on request. The first poll
    /// backfills their history like any new series.
    /// </summary>
    private IReadOnlyList<SeriesKey> WithAlarmSeries()
    {
        var extra = Live.WatchedSeries.Where(w => !_discovered.Contains(w) && _discoveredMetrics.Contains(w.WithoutStatistic())).ToList();
        return extra.Count == 0 ? _series : [.. _series, .. extra];
    }

    /// <summary>How often series are looked for while an endpoint deploys (at most the discovery interval).</summary>
    private TimeSpan DeployingDiscoveryInterval => options.Value.DiscoveryInterval < TimeSpan.FromMinutes(1) ? options.Value.DiscoveryInterval : TimeSpan.FromMinutes(1);

    public static bool IsDeploying(string status) => status is EndpointStatuses.Creating or EndpointStatuses.Updating
        or EndpointStatuses.SystemUpdating or EndpointStatuses.RollingBack;

    private async Task DiscoverIfDueAsync(HashSet<string> endpoints, CancellationToken cancellationToken)
    {
        // During a blue/green deployment SageMaker publishes series with the EndpointConfigName dimension: look for them
        // every minute while an endpoint deploys, and once more when its config has changed, so they are there to compare.
        var configs = Live.Fleet.Select(e => $"{e.Name}|{e.ConfigName}").ToHashSet(StringComparer.Ordinal);
        var deploying = Live.Fleet.Any(e => IsDeploying(e.Status)) || !configs.SetEquals(_discoveredConfigs);
        var since = Time.GetUtcNow() - _discoveredAt;
        var regular = since >= options.Value.DiscoveryInterval || !endpoints.SetEquals(_discoveredFor);
        if (!regular && !(deploying && since >= DeployingDiscoveryInterval))
        {
            return;
        }
        try
        {
            _series = await MetricDiscovery.DiscoverAsync(cloudWatch, endpoints, cancellationToken);
        }
        catch (AwsServiceException ex) when (!regular)
        {
            // The extra look during a deployment is a nicety: the known series are still polled (an endpoint updating its
            // weights looks like a deployment too), and the next minute looks again.
            logger.LogWarning("Looking for a deploying endpoint's new series failed ({ErrorCode}); polling the known ones", ex.ErrorCode);
            return;
        }
        _discovered = [.. _series];
        _discoveredMetrics = _series.Select(s => s.WithoutStatistic()).ToHashSet();
        _discoveredFor = endpoints;
        _discoveredConfigs = configs;
        _discoveredAt = Time.GetUtcNow();
        logger.LogInformation("Discovered {Series} series for {Endpoints} endpoints", _series.Count, endpoints.Count);
    }

    private async Task FetchWindowAsync(FetchWindow window, long pollEnd, CancellationToken cancellationToken)
    {
        foreach (var batch in window.Series.Chunk(MaxQueriesPerCall))
        {
            var queries = batch.Select((key, i) => new MetricDataQuery($"q{i}",
                new MetricStat(MetricDiscovery.ToMetric(key), key.Period, key.Stat))).ToList();
            string? token = null;
            do
            {
                var request = new GetMetricDataRequest(queries, DateTimeOffset.FromUnixTimeSeconds(window.Start),
                    DateTimeOffset.FromUnixTimeSeconds(window.End), token, ScanBy.TimestampAscending);
                GetMetricDataCalls++;
                MetricsRequested += queries.Count;
                var response = await cloudWatch.GetMetricDataAsync(request, cancellationToken);
                token = response.NextToken;
                // The range is recorded with the last page only: until then the window is not complete.
                await StoreAsync(batch, response, token is null ? window : null, pollEnd, cancellationToken);
            }
            while (token is not null);
        }
    }

    private async Task StoreAsync(SeriesKey[] batch, GetMetricDataResponse response, FetchWindow? completed, long pollEnd,
        CancellationToken cancellationToken)
    {
        var points = new Dictionary<string, List<MetricPoint>>(StringComparer.Ordinal);
        foreach (var result in response.MetricDataResults)
        {
            if (!points.TryGetValue(result.Id, out var list))
            {
                points[result.Id] = list = [];
            }
            for (var i = 0; i < Math.Min(result.Timestamps.Count, result.Values.Count); i++)
            {
                list.Add(new MetricPoint(result.Timestamps[i].ToUnixTimeSeconds(), result.Values[i]));
            }
        }

        var batches = new List<SeriesPoints>(batch.Length);
        var newest = long.MinValue;
        for (var i = 0; i < batch.Length; i++)
        {
            var key = batch[i];
            var seriesPoints = points.GetValueOrDefault($"q{i}") ?? [];
            FetchedRange? coverage = completed is null
                ? null
                : PollPlanner.Advance(_coverage!.TryGetValue(key, out var c) ? c : null, completed, key, pollEnd);
            if (seriesPoints.Count > 0 || coverage is not null)
            {
                batches.Add(new SeriesPoints(key, seriesPoints, coverage));
            }
            foreach (var point in seriesPoints)
            {
                newest = Math.Max(newest, point.Time);
            }
        }

        await writer.WriteAsync(batches, cancellationToken);
        DashboardTelemetry.PointsIngested.Add(batches.Sum(b => (long)b.Points.Count));
        foreach (var written in batches)
        {
            if (written.Coverage is { } range)
            {
                _coverage![written.Key] = range;
            }
        }
        if (newest != long.MinValue)
        {
            var endpoints = batches.Where(b => b.Points.Count > 0).Select(b => b.Key.EndpointName!).Distinct().ToArray();
            Live.PublishMetrics(endpoints, newest);
        }
    }
}
