using Dashboard.Core.Alarms;
using Dashboard.Core.CloudWatch;
using Dashboard.Core.Collectors;
using Dashboard.Core.Live;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Alarms.Mirror;

/// <summary>
/// Every <see cref="AlarmOptions.MirrorInterval"/>: puts mirrored alarms that CloudWatch lacks or whose last save
/// failed (the retry), reads CloudWatch's state of every mirrored alarm back onto it, and refreshes
/// <see cref="ExternalAlarms"/>, the alarms on fleet endpoints that the dashboard does not manage.
/// </summary>
public sealed class AlarmMirrorCollector(
    IAlarmStore store,
    ICloudWatchAlarmsClient client,
    CloudWatchAlarmMirror mirror,
    ExternalAlarms external,
    LiveStore live,
    TimeProvider timeProvider,
    IOptions<AlarmOptions> options,
    ILogger<AlarmMirrorCollector> logger) : PollingCollector(live, timeProvider, logger)
{
    public const string SourceName = "CloudWatch alarms";

    /// <summary>DescribeAlarms takes at most 100 names and returns at most 100 records a page.</summary>
    private const int BatchSize = 100;

    /// <summary>A bound on pages of one listing, in case a service keeps returning tokens.</summary>
    private const int MaxPages = 100;

    private static readonly IReadOnlyList<string> BothTypes = [AlarmTypes.MetricAlarm, AlarmTypes.CompositeAlarm];

    protected override string Source => SourceName;

    protected override TimeSpan Interval => options.Value.MirrorInterval;

    protected override TimeSpan MaxBackoff => TimeSpan.FromMinutes(10);

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        var mirrored = (await store.ListAsync(cancellationToken)).Where(e => e.Definition.MirrorToCloudWatch).ToList();
        var found = await DescribeAsync(mirrored.Select(e => e.Definition.Name).ToList(), cancellationToken);

        // The retry: metric alarms before composites, whose rules CloudWatch checks against existing alarms.
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var put = new List<string>();
        foreach (var entry in mirrored.OrderBy(e => e.Definition.Kind == AlarmKind.Composite ? 1 : 0))
        {
            if (found.ContainsKey(entry.Definition.Name) && entry.Status.CloudWatch?.Error is null)
            {
                continue;
            }
            (await mirror.PutAsync(entry.Definition, cancellationToken) ? put : (ICollection<string>)failed).Add(entry.Definition.Name);
        }
        if (put.Count > 0)
        {
            foreach (var (name, view) in await DescribeAsync(put, cancellationToken))
            {
                found[name] = view;
            }
        }

        var now = Time.GetUtcNow().ToUnixTimeSeconds();
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in mirrored)
        {
            var name = entry.Definition.Name;
            if (failed.Contains(name))
            {
                continue;
            }
            var view = found.TryGetValue(name, out var read)
                ? read with { CheckedAt = now }
                : new CloudWatchView(null, "Saved, but CloudWatch does not list it yet.", now);
            await store.RecordCloudWatchAsync(name, view, cancellationToken);
            if (entry.Status.CloudWatch is not { } before || before.State != view.State || before.Error is not null)
            {
                if (entry.Definition.Endpoint is { } endpoint)
                {
                    changed.Add(endpoint);
                }
            }
        }
        if (changed.Count > 0 || failed.Count > 0)
        {
            Live.PublishAlarms(changed.ToList());
        }

        await RefreshExternalAsync(cancellationToken);
    }

    /// <summary>CloudWatch's view of the named alarms that exist there, in batches of 100 names.</summary>
    private async Task<Dictionary<string, CloudWatchView>> DescribeAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var views = new Dictionary<string, CloudWatchView>(StringComparer.Ordinal);
        var now = Time.GetUtcNow().ToUnixTimeSeconds();
        foreach (var batch in names.Chunk(BatchSize))
        {
            await foreach (var page in PagesAsync(new DescribeAlarmsRequest { AlarmNames = batch, AlarmTypes = BothTypes, MaxRecords = BatchSize },
                cancellationToken))
            {
                foreach (var alarm in page.MetricAlarms)
                {
                    views[alarm.AlarmName] = View(alarm.StateValue, alarm.StateReason, alarm.StateUpdatedTimestamp, now);
                }
                foreach (var alarm in page.CompositeAlarms)
                {
                    views[alarm.AlarmName] = View(alarm.StateValue, alarm.StateReason, alarm.StateUpdatedTimestamp, now);
                }
            }
        }
        return views;
    }

    private async Task RefreshExternalAsync(CancellationToken cancellationToken)
    {
        var endpoints = Live.Fleet.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var metricAlarms = new List<MetricAlarm>();
        var compositeAlarms = new List<CompositeAlarm>();
        await foreach (var page in PagesAsync(new DescribeAlarmsRequest { AlarmTypes = BothTypes, MaxRecords = BatchSize }, cancellationToken))
        {
            metricAlarms.AddRange(page.MetricAlarms);
            compositeAlarms.AddRange(page.CompositeAlarms);
        }
        external.Replace(CloudWatchAlarmMapping.ListExternal(metricAlarms, compositeAlarms, endpoints), Time.GetUtcNow());
    }

    private async IAsyncEnumerable<DescribeAlarmsResponse> PagesAsync(DescribeAlarmsRequest request,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var page = 0; page < MaxPages; page++)
        {
            var response = await client.DescribeAlarmsAsync(request, cancellationToken);
            yield return response;
            if (string.IsNullOrEmpty(response.NextToken) || response.NextToken == request.NextToken)
            {
                yield break;
            }
            request = request with { NextToken = response.NextToken };
        }
    }

    private static CloudWatchView View(string? state, string? reason, DateTimeOffset? updated, long now) =>
        new(AlarmWireNames.ParseState(state), reason, now, null, updated?.ToUnixTimeSeconds());
}
