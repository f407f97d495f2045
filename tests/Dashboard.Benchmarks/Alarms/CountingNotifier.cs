using Dashboard.Core.Alarms;
using Dashboard.Core.Notifications;

namespace Dashboard.Benchmarks.Alarms;

/// <summary>Counts alarm transitions instead of delivering them: the benches measure evaluation, not webhooks.</summary>
internal sealed class CountingNotifier : IAlarmNotifier
{
    public int Transitions { get; private set; }

    public Task NotifyAsync(IReadOnlyList<AlarmTransition> transitions, CancellationToken cancellationToken = default)
    {
        Transitions += transitions.Count;
        return Task.CompletedTask;
    }
}
