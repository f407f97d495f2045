using System.Globalization;
using Dashboard.Core.Fleet;
using Dashboard.Core.Live;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Collectors;

/// <summary>Lists and describes every endpoint (and its configs, for instance types), stores the snapshot and publishes it.</summary>
public sealed class FleetCollector(
    ISageMakerClient sageMaker,
    IFleetStore store,
    LiveStore live,
    IOptions<CollectorOptions> options,
    TimeProvider timeProvider,
    ILogger<FleetCollector> logger) : PollingCollector(live, timeProvider, logger)
{
    public const string SourceName = "SageMaker";

    // Endpoint configs are immutable in SageMaker, so each is described once.
    private readonly Dictionary<string, DescribeEndpointConfigResponse> _configs = new(StringComparer.Ordinal);

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
        var fleet = new List<EndpointState>(summaries.Count);
        foreach (var summary in summaries)
        {
            if (!await HasWantedTagsAsync(summary.EndpointArn, cancellationToken))
            {
                continue;
            }
            var endpoint = await sageMaker.DescribeEndpointAsync(new DescribeEndpointRequest(summary.EndpointName), cancellationToken);
            var config = await DescribeConfigAsync(endpoint.EndpointConfigName, cancellationToken);
            fleet.Add(ToState(endpoint, config, now));
        }

        await store.SaveAsync(fleet, cancellationToken);
        Live.PublishFleet(fleet);
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
