using Dashboard.Core.Alarms;
using Dashboard.Core.CloudWatch;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Alarms.Mirror;

/// <summary>
/// Keeps alarms marked <see cref="AlarmDefinition.MirrorToCloudWatch"/> in CloudWatch (PutMetricAlarm,
/// PutCompositeAlarm, DeleteAlarms). AWS faults are never thrown: they are recorded on the alarm
/// (<see cref="IAlarmStore.RecordCloudWatchAsync"/>) and <see cref="AlarmMirrorCollector"/> retries on its next cycle,
/// so the local change always stands.
/// </summary>
public sealed class CloudWatchAlarmMirror(
    ICloudWatchAlarmsClient client,
    IAlarmStore store,
    IOptions<AlarmOptions> options,
    TimeProvider timeProvider,
    ILogger<CloudWatchAlarmMirror> logger) : IAlarmMirror
{
    public async Task SavedAsync(AlarmDefinition alarm, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        if (alarm.MirrorToCloudWatch)
        {
            await PutAsync(alarm, cancellationToken);
            return;
        }
        // Only an alarm that has been mirrored has a CloudWatch view; the others never reach CloudWatch.
        var entry = await store.FindAsync(alarm.Name, cancellationToken);
        if (entry?.Status.CloudWatch is null)
        {
            return;
        }
        await TryAsync(alarm.Name, "DeleteAlarms", async () =>
        {
            // Delete only what we created: a same-named alarm someone else made is not ours to remove.
            var found = await client.DescribeAlarmsAsync(new DescribeAlarmsRequest
            {
                AlarmNames = [alarm.Name],
                AlarmTypes = [AlarmTypes.MetricAlarm, AlarmTypes.CompositeAlarm],
            }, cancellationToken);
            var description = found.MetricAlarms.Select(a => a.AlarmDescription)
                .Concat(found.CompositeAlarms.Select(a => a.AlarmDescription)).FirstOrDefault();
            if (CloudWatchAlarmMapping.IsManaged(description))
            {
                await client.DeleteAlarmsAsync(new DeleteAlarmsRequest([alarm.Name]), cancellationToken);
            }
            await store.RecordCloudWatchAsync(alarm.Name,
                new CloudWatchView(null, "No longer mirrored; removed from CloudWatch.", Now), cancellationToken);
        }, cancellationToken);
    }

    public async Task DeletedAsync(AlarmDefinition alarm, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        if (!alarm.MirrorToCloudWatch)
        {
            return;
        }
        // The local alarm is gone, so there is nowhere to record a failure: it is logged, and the CloudWatch alarm
        // stays until deleted by hand (listing it as ours to delete would let two dashboards delete each other's).
        await TryAsync(alarm.Name, "DeleteAlarms", async () =>
        {
            try
            {
                await client.DeleteAlarmsAsync(new DeleteAlarmsRequest([alarm.Name]), cancellationToken);
            }
            catch (AwsServiceException ex) when (ex.ErrorCode == "ResourceNotFound")
            {
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Creates or overwrites the alarm in CloudWatch. True when CloudWatch accepted it; otherwise the error is recorded
    /// on the alarm and logged.
    /// </summary>
    public async Task<bool> PutAsync(AlarmDefinition alarm, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        var operation = alarm.Kind == AlarmKind.Composite ? "PutCompositeAlarm" : "PutMetricAlarm";
        return await TryAsync(alarm.Name, operation, async () =>
        {
            if (alarm.Kind == AlarmKind.Composite)
            {
                await client.PutCompositeAlarmAsync(CloudWatchAlarmMapping.ToPutCompositeAlarm(alarm, options.Value), cancellationToken);
            }
            else
            {
                await client.PutMetricAlarmAsync(CloudWatchAlarmMapping.ToPutMetricAlarm(alarm, options.Value), cancellationToken);
            }
            // A put keeps CloudWatch's state, so the last state read stays; only a recorded failure is cleared.
            var previous = (await store.FindAsync(alarm.Name, cancellationToken))?.Status.CloudWatch;
            if (previous is null || previous.Error is not null)
            {
                await store.RecordCloudWatchAsync(alarm.Name,
                    new CloudWatchView(null, "Saved in CloudWatch; its state is read back within a minute or two.", Now), cancellationToken);
            }
        }, cancellationToken);
    }

    private long Now => timeProvider.GetUtcNow().ToUnixTimeSeconds();

    private async Task<bool> TryAsync(string name, string operation, Func<Task> call, CancellationToken cancellationToken)
    {
        try
        {
            await call();
            return true;
        }
        catch (AwsServiceException ex)
        {
            var message = Describe(operation, ex);
            logger.LogWarning("Mirroring alarm {Alarm} to CloudWatch failed: {Error}", name, message);
            await store.RecordCloudWatchAsync(name, new CloudWatchView(null, null, Now, message), cancellationToken);
            return false;
        }
    }

    /// <summary>A plain message: the operation, the AWS error code and its message (which carry no credentials).</summary>
    internal static string Describe(string operation, AwsServiceException ex) =>
        $"{operation} failed ({ex.ErrorCode}, HTTP {ex.StatusCode}): {ex.Message}";
}
