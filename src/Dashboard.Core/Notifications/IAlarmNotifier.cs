using Dashboard.Core.Alarms;

namespace Dashboard.Core.Notifications;

/// <summary>Takes new alarm transitions to notify (in-app and webhooks); muted transitions carry <see cref="AlarmTransition.MutedBy"/>.</summary>
public interface IAlarmNotifier
{
    Task NotifyAsync(IReadOnlyList<AlarmTransition> transitions, CancellationToken cancellationToken = default);
}
