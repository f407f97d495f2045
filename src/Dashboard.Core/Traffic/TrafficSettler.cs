using Dashboard.Core.Collectors;
using Dashboard.Core.Live;
using Dashboard.Core.Workers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Traffic;

/// <summary>
/// Settles approved traffic changes whose outcome SageMaker's answer did not bring (or that could not be stored), from
/// the fleet the fleet collector publishes, once per fleet interval.
/// </summary>
public sealed class TrafficSettler(TrafficService traffic, LiveStore live, IOptions<CollectorOptions> options, TimeProvider timeProvider,
    ILogger<TrafficSettler> logger) : PeriodicWorker(timeProvider, logger)
{
    protected override TimeSpan Interval => options.Value.FleetInterval;

    protected override TimeSpan MaxBackoff => options.Value.MaxBackoff;

    // At start-up the live fleet may still be the stored one; settling waits a round for the fleet collector's first poll.
    protected override TimeSpan FirstDelay => Interval;

    protected override string Work => "Settling approved traffic changes";

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        if (live.Fleet.Count > 0)
        {
            await traffic.SettleAsync(live.Fleet, cancellationToken);
        }
    }
}
