using Dashboard.Core.Deployments;
using Dashboard.Core.Live;
using Dashboard.Core.Notifications;
using Dashboard.Core.Workers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.DeploymentNotices;

/// <summary>
/// Tells what happens to deployments without being told by the code that moves them: each round it reads the
/// deployments from its watermark (the oldest one that may still change) on, derives their notices, and stores the new
/// ones with their webhook deliveries and the next watermark in one go. A round is woken by a deployment change, or runs
/// every dispatch interval. Its first round ever records what is there without sending it, so an upgrade does not
/// replay old deployments to every webhook.
/// </summary>
public sealed partial class DeploymentNotifier(IDeploymentStore deployments, IDeploymentNoticeStore notices, DeliverySignal signal,
    LiveStore live, IOptions<NotificationOptions> options, TimeProvider timeProvider, ILogger<DeploymentNotifier> logger)
    : PeriodicWorker(timeProvider, logger)
{
    /// <summary>Deployments read per round; a full batch moves the watermark no further than its last one.</summary>
    public const int BatchSize = 500;

    private readonly WakeOnChange _wake = new();
    private IDisposable? _subscription;

    protected override TimeSpan Interval => options.Value.DispatchInterval;

    protected override WakeUpSignal WakeUp => _wake;

    protected override string Work => "Reading deployments for notifications";

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        // Woken when the tracker or a person stores a deployment change, so the notice follows within moments.
        _subscription ??= live.Subscribe(change =>
        {
            if (change.Has(LiveChangeKind.Traffic))
            {
                _wake.Set();
            }
            return Task.CompletedTask;
        }, TimeSpan.FromSeconds(1));

        var watermark = await notices.WatermarkAsync(cancellationToken);
        var read = await deployments.ListFromAsync(watermark ?? 0, BatchSize, cancellationToken);
        var now = Time.GetUtcNow();
        var derived = read.SelectMany(d => DeploymentNoticeRules.Derive(d, now)).ToList();
        var next = read.Count == 0 ? watermark ?? 0
            : Math.Min(read.Where(d => d.IsOpen).Select(d => d.Id).DefaultIfEmpty(long.MaxValue).Min(), read[^1].Id + 1);
        if (derived.Count == 0 && next == watermark)
        {
            return;
        }
        var told = await notices.RecordAsync(derived, next, deliver: watermark is not null, cancellationToken);
        if (told.Count > 0)
        {
            LogTold(logger, told.Count, watermark is null ? " (first round: recorded, not sent)" : "");
            if (watermark is not null)
            {
                signal.Set();
            }
            live.PublishNotices(told.Select(n => n.Endpoint).Distinct(StringComparer.Ordinal).ToArray());
        }
    }

    public override void Dispose()
    {
        _subscription?.Dispose();
        base.Dispose();
    }

    private sealed class WakeOnChange : WakeUpSignal;

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored {Count} deployment notices{Note}")]
    private static partial void LogTold(ILogger logger, int count, string note);
}
