using Dashboard.Core.Collectors;
using Dashboard.Core.Live;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Traffic;

/// <summary>
/// Settles approved traffic changes whose outcome SageMaker's answer did not bring (or that could not be stored), from
/// the fleet the fleet collector publishes, once per fleet interval. A fault is logged and the next round tries again.
/// </summary>
public sealed partial class TrafficSettler(TrafficService traffic, LiveStore live, IOptions<CollectorOptions> options, TimeProvider timeProvider,
    ILogger<TrafficSettler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.FleetInterval, timeProvider, stoppingToken);
                if (live.Fleet.Count > 0)
                {
                    await traffic.SettleAsync(live.Fleet, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Settling approved traffic changes failed; trying again next round")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
