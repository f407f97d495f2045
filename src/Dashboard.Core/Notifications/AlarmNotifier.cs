using Dashboard.Core.Alarms;
using Dashboard.Core.Live;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Notifications;

/// <summary>
/// Turns new transitions into notifications: a queued delivery per enabled webhook (rows, so a restart loses nothing)
/// and a live change for the in-app notification area. Muted transitions are shown in-app with their mute note but
/// queue nothing.
/// </summary>
public sealed class AlarmNotifier(IWebhookStore webhooks, LiveStore live, DeliverySignal signal, ILogger<AlarmNotifier> logger) : IAlarmNotifier
{
    public async Task NotifyAsync(IReadOnlyList<AlarmTransition> transitions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        if (transitions.Count == 0)
        {
            return;
        }
        var toSend = transitions.Where(t => t.MutedBy is null).ToList();
        if (toSend.Count > 0)
        {
            var queued = await webhooks.EnqueueAsync(toSend, cancellationToken);
            if (queued > 0)
            {
                signal.Set();
            }
            logger.LogDebug("Queued {Deliveries} webhook deliveries for {Transitions} transitions", queued, toSend.Count);
        }
        live.PublishAlarms(transitions.Select(t => t.Endpoint).OfType<string>().Distinct(StringComparer.Ordinal).ToArray());
    }
}
