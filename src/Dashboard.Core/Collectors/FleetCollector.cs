using System.Globalization;
using Dashboard.Core.Fleet;
using Dashboard.Core.Live;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Collectors;

/// <summary>
/// Lists the endpoints, describes those that need it (and their configs, for instance types), stores the snapshot and
/// publishes it. An endpoint is described when it is new, when its listing changed (status or last-modified time: every
/// deployment, weight or capacity change moves them), while it is not InService, and otherwise once every
/// <see cref="RefreshEvery"/>, a share of the fleet per poll. At 500 endpoints a poll then makes about 50
/// DescribeEndpoint calls instead of 500, which at the client's 8 a second took longer than the minute between polls.
/// </summary>
public sealed class FleetCollector(
    ISageMakerClient sageMaker,
    IFleetStore store,
    LiveStore live,
    IOptions<CollectorOptions> options,
    TimeProvider timeProvider,
    ILogger<FleetCollector> logger) : PollingCollector(live, timeProvider, logger)
{
    public const string SourceName = "SageMaker";

    /// <summary>The longest an unchanged endpoint goes without being described again.</summary>
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromMinutes(10);

    // Endpoint configs are immutable in SageMaker, so each is described once.
    private readonly Dictionary<string, DescribeEndpointConfigResponse> _configs = new(StringComparer.Ordinal);

    /// <summary>What each listed endpoint was when last described (null: not wanted, by its tags) and when that was.</summary>
    private Dictionary<string, Known> _known = new(StringComparer.Ordinal);

    private sealed record Known(string Name, EndpointState? State, DateTimeOffset CheckedAt);

    protected override string Source => SourceName;

    protected override TimeSpan Interval => options.Value.FleetInterval;

    protected override TimeSpan MaxBackoff => options.Value.MaxBackoff;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Start from what was stored last time, so pages have a fleet before the first poll answers.
        try
        {
            var stored = await store.ListAsync(stoppingToken);
            if (stored.Count > 0 && Live.Fleet.Count == 0)
            {
                Live.PublishFleet(stored);
            }
            // What was described before (by this replica or the one that held the lease) need not be described again at once.
            _known = (Live.Fleet.Count > 0 ? Live.Fleet : stored).ToDictionary(e => e.Name, e => new Known(e.Name, e, e.ObservedAt), StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not read the stored fleet");
        }
        await base.ExecuteAsync(stoppingToken);
    }

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        var summaries = new List<EndpointSummary>();
        string? token = null;
        do
        {
            // NameContains narrows the listing on the server; the prefix itself is checked here.
            var prefix = options.Value.EndpointNamePrefix;
            var page = await sageMaker.ListEndpointsAsync(new ListEndpointsRequest(SortBy: "Name", SortOrder: "Ascending",
                NextToken: token, MaxResults: 100, NameContains: prefix), cancellationToken);
            summaries.AddRange(page.Endpoints.Where(e => prefix is null || e.EndpointName.StartsWith(prefix, StringComparison.Ordinal)));
            token = page.NextToken;
        }
        while (token is not null);

        var now = Time.GetUtcNow();
        var refresh = Refreshed(summaries, now);
        var known = new Dictionary<string, Known>(StringComparer.Ordinal);
        var fleet = new List<EndpointState>(summaries.Count);
        foreach (var summary in summaries)
        {
            if (_known.TryGetValue(summary.EndpointName, out var last) && !Changed(summary, last) && !refresh.Contains(summary.EndpointName))
            {
                known[summary.EndpointName] = last;
                if (last.State is { } unchanged)
                {
                    fleet.Add(unchanged with { ObservedAt = now });
                }
                continue;
            }
            if (!await HasWantedTagsAsync(summary.EndpointArn, cancellationToken))
            {
                known[summary.EndpointName] = new Known(summary.EndpointName, null, now);
                continue;
            }
            var endpoint = await sageMaker.DescribeEndpointAsync(new DescribeEndpointRequest(summary.EndpointName), cancellationToken);
            var config = await DescribeConfigAsync(endpoint.EndpointConfigName, cancellationToken);
            var state = ToState(endpoint, config, now);
            known[summary.EndpointName] = new Known(summary.EndpointName, state, now);
            fleet.Add(state);
        }

        await store.SaveAsync(fleet, cancellationToken);
        Live.PublishFleet(fleet);
        _known = known;
    }

    /// <summary>A described endpoint whose listing says it moved on, or that is not settled, is described again.</summary>
    private static bool Changed(EndpointSummary summary, Known last) =>
        last.State is { } state
        && (state.Status != summary.EndpointStatus || state.LastModifiedAt != summary.LastModifiedTime || summary.EndpointStatus != EndpointStatuses.InService);

    /// <summary>
    /// The unchanged endpoints described again this poll: the longest undescribed first, as many as spread the fleet
    /// over <see cref="RefreshEvery"/>, and only those described at least that long ago.
    /// </summary>
    private HashSet<string> Refreshed(List<EndpointSummary> summaries, DateTimeOffset now)
    {
        var share = (int)Math.Ceiling(summaries.Count * Math.Min(1, Interval / RefreshEvery));
        return summaries
            .Select(s => _known.GetValueOrDefault(s.EndpointName))
            .OfType<Known>()
            .Where(k => now - k.CheckedAt >= RefreshEvery)
            .OrderBy(k => k.CheckedAt)
            .Take(share)
            .Select(k => k.Name)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>With Collectors:EndpointTags set, an endpoint is watched only if it carries every one of those tags.</summary>
    private async Task<bool> HasWantedTagsAsync(string arn, CancellationToken cancellationToken)
    {
        var wanted = options.Value.EndpointTags;
        if (wanted.Count == 0)
        {
            return true;
        }
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var page = await sageMaker.ListTagsAsync(new ListTagsRequest(arn, token), cancellationToken);
            foreach (var tag in page.Tags ?? [])
            {
                tags[tag.Key] = tag.Value;
            }
            token = page.NextToken;
        }
        while (token is not null);
        return wanted.All(w => tags.TryGetValue(w.Key, out var value) && value == w.Value);
    }

    private async Task<DescribeEndpointConfigResponse?> DescribeConfigAsync(string? name, CancellationToken cancellationToken)
    {
        if (name is null)
        {
            return null;
        }
        if (!_configs.TryGetValue(name, out var config))
        {
            config = await sageMaker.DescribeEndpointConfigAsync(new DescribeEndpointConfigRequest(name), cancellationToken);
            _configs[name] = config;
        }
        return config;
    }

    internal static EndpointState ToState(DescribeEndpointResponse endpoint, DescribeEndpointConfigResponse? config, DateTimeOffset observedAt)
    {
        var variants = (endpoint.ProductionVariants ?? []).Select(v =>
        {
            var configured = config?.ProductionVariants.FirstOrDefault(p => p.VariantName == v.VariantName);
            return new VariantState(
                v.VariantName,
                configured?.InstanceType,
                v.CurrentInstanceCount ?? configured?.InitialInstanceCount ?? 0,
                v.DesiredInstanceCount ?? v.CurrentInstanceCount ?? configured?.InitialInstanceCount ?? 0,
                Decimal(v.CurrentWeight ?? configured?.InitialVariantWeight ?? 1),
                Decimal(v.DesiredWeight ?? v.CurrentWeight ?? configured?.InitialVariantWeight ?? 1));
        }).ToList();

        return new EndpointState(endpoint.EndpointName, endpoint.EndpointArn, endpoint.EndpointStatus, endpoint.EndpointConfigName,
            endpoint.CreationTime, endpoint.LastModifiedTime, endpoint.FailureReason, variants, observedAt);
    }

    /// <summary>
    /// SageMaker's weights are 32-bit floats: 0.8 arrives as 0.800000011920929 when widened. The shortest decimal that is the
    /// same float (0.8) is what was set and what people read.
    /// </summary>
    internal static double Decimal(float weight) =>
        double.Parse(weight.ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
}
