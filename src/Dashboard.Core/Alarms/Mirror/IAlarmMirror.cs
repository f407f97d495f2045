using Dashboard.Core.Alarms;
namespace Dashboard.Core.Alarms.Mirror;

/// <summary>
/// Keeps alarms marked <see cref="AlarmDefinition.MirrorToCloudWatch"/> in CloudWatch. Called after the local change is
/// stored; a failure is recorded on the alarm (and retried) rather than thrown, so the local change always stands.
/// </summary>
public interface IAlarmMirror
{
    Task SavedAsync(AlarmDefinition alarm, CancellationToken cancellationToken = default);

    Task DeletedAsync(AlarmDefinition alarm, CancellationToken cancellationToken = default);
}
