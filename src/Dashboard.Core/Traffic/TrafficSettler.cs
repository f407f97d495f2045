using Dashboard.Core.Collectors;
using Dashboard.Core.Fleet;
using Dashboard.Core.Live;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Storage;
using Dashboard.Core.Workers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Traffic;

/// <summary>
/// Settles approved traffic changes from what SageMaker shows: while a change is Applying, its endpoint is described every
/// round (at most every 10 s), so "Applied" appears when the new split is served, and the fleet is updated with it at
/// once rather than at the next fleet poll: stored, then published, as the fleet collector does, so replicas that read
/// the stored fleet on a live change (PostgreSQL) show the split as soon as this one. Endpoints it cannot describe are
/// judged from the fleet the collector publishes.
/// </summary>
public sealed class TrafficSettler(TrafficService traffic, ISageMakerClient sageMaker, IFleetStore fleetStore, LiveStore live,
    IOptions<CollectorOptions> options, TimeProvider timeProvider, ILogger<TrafficSettler> logger) : PeriodicWorker(timeProvider, logger)
{
    private static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(10);

    protected override TimeSpan Interval => options.Value.FleetInterval < MaxInterval ? options.Value.FleetInterval : MaxInterval;

    protected override TimeSpan MaxBackoff => options.Value.MaxBackoff;

    // At start-up the live fleet may still be the stored one; settling waits a round for the fleet collector's first poll.
    protected override TimeSpan FirstDelay => Interval;

    protected override string Work => "Settling approved traffic changes";

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        var applying = await traffic.ApplyingAsync(cancellationToken);
        if (applying.Count == 0)
        {
            return;
        }
        var fleet = live.Fleet.ToList();
        var described = false;
        foreach (var name in applying.Select(c => c.Endpoint).Distinct(StringComparer.Ordinal))
        {
            if (await DescribeAsync(name, fleet.FirstOrDefault(e => e.Name == name), cancellationToken) is not { } state)
            {
                continue;
            }
            fleet.RemoveAll(e => e.Name == name);
            fleet.Add(state);
            described = true;
        }
        if (fleet.Count == 0)
        {
            return; // nothing known yet: the fleet collector's first poll has not answered
        }
        var settled = await traffic.SettleAsync(fleet, cancellationToken);
        if (described && settled.Count > 0 && live.Fleet.Count > 0)
        {
            var snapshot = live.Fleet.Select(e => fleet.FirstOrDefault(f => f.Name == e.Name) ?? e).ToList();
            await fleetStore.SaveAsync(snapshot, cancellationToken);
            live.PublishFleet(snapshot);
        }
    }

    /// <summary>The endpoint as SageMaker describes it now, keeping what only the fleet poll reads (instance types); null when it cannot be told.</summary>
    private async Task<EndpointState?> DescribeAsync(string name, EndpointState? known, CancellationToken cancellationToken)
    {
        try
        {
            var response = await sageMaker.DescribeEndpointAsync(new DescribeEndpointRequest(name), cancellationToken);
            var state = FleetCollector.ToState(response, null, Time.GetUtcNow());
            return known is null ? state : state with
            {
                Variants = state.Variants.Select(v => known.Variants.FirstOrDefault(k => k.Name == v.Name) is { } k
                    ? v with { InstanceType = k.InstanceType } : v).ToList(),
            };
        }
        catch (AwsServiceException)
        {
            return null; // a fault or an endpoint gone: the fleet's view decides, as before
        }
    }
}
