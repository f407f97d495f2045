using Dashboard.Core.Audit;
using Dashboard.Core.CloudWatch;
using Dashboard.Core.Collectors;
using Dashboard.Core.Live;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Dashboard.Core.Workers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Deployments;

/// <summary>
/// Moves deployments on from what SageMaker shows, every round (at most every 10 s, and at once when an approval wakes
/// it): starts approved ones that have not reached SageMaker (just approved, after a restart, or a lost answer), describes each endpoint with a deployment in flight once, and
/// stores the step reached and the outcome. Deployments started outside the dashboard are recorded when the fleet poll
/// shows an endpoint updating to a config no deployment here names; finished deployments' own alarms are deleted.
/// </summary>
public sealed class DeploymentTracker(IDeploymentStore store, DeploymentLauncher launcher, GatedCanaryDriver gated, OutsideDeployments outside,
    DeploymentAlarmCleanup alarmCleanup, DeploymentSignal signal, ISageMakerClient sageMaker, ICloudWatchAlarmsClient cloudWatch, LiveStore live, IOptions<CollectorOptions> options,
    TimeProvider timeProvider, ILogger<DeploymentTracker> logger) : PeriodicWorker(timeProvider, logger)
{
    private static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan AbortRepeat = TimeSpan.FromMinutes(1);
    private static readonly DeploymentStatus[] InFlight = [DeploymentStatus.Approved, DeploymentStatus.Deploying, DeploymentStatus.RollingBack];

    private readonly Dictionary<long, DateTimeOffset> _abortSet = [];

    protected override TimeSpan Interval => options.Value.FleetInterval < MaxInterval ? options.Value.FleetInterval : MaxInterval;

    protected override TimeSpan MaxBackoff => options.Value.MaxBackoff;

    protected override WakeUpSignal WakeUp => signal;

    protected override string Work => "Tracking deployments";

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        var open = await store.ListAsync(InFlight, 500, cancellationToken);
        foreach (var waiting in open.Where(d => d.Status == DeploymentStatus.Approved && d.UpdateRequestedAt is null && d.AbortedBy is null))
        {
            await launcher.StartAsync(waiting, cancellationToken);
        }
        var tracked = open.Where(d => d.Status != DeploymentStatus.Approved || d.UpdateRequestedAt is not null).ToList();
        foreach (var group in tracked.GroupBy(d => d.Endpoint, StringComparer.Ordinal))
        {
            var endpoint = await DescribeAsync(group.Key, cancellationToken);
            if (endpoint is { Found: false } or { Response: not null })
            {
                foreach (var deployment in group)
                {
                    await AdvanceAsync(deployment, endpoint.Value.Response, cancellationToken);
                }
            }
        }
        await outside.DetectAsync(live.Fleet, tracked.Select(d => d.Endpoint).ToHashSet(StringComparer.Ordinal), cancellationToken);
        await alarmCleanup.RunAsync(open, cancellationToken);
    }

    private async Task AdvanceAsync(Deployment deployment, DescribeEndpointResponse? endpoint, CancellationToken cancellationToken)
    {
        if (!deployment.Plan.IsSageMakers)
        {
            try
            {
                await gated.AdvanceAsync(deployment, endpoint, cancellationToken);
            }
            catch (DeploymentConflictException)
            {
                // moved meanwhile (an Operator's action, or another replica's tracker): next round reads it again
            }
            return;
        }
        var next = DeploymentProgress.Advance(deployment, endpoint, Time.GetUtcNow());
        if (next.Status is DeploymentStatus.RolledBack or DeploymentStatus.RollingBack or DeploymentStatus.TimedOut
            && next.Status != deployment.Status && deployment.AbortedBy is null)
        {
            next = next with { Outcome = next.Outcome + await TrippedAsync(next, cancellationToken) };
        }
        if (next != deployment)
        {
            var action = next.Status == deployment.Status ? null
                : next.Status == DeploymentStatus.Deploying ? AuditActions.DeploymentStart
                : next.Status == DeploymentStatus.RollingBack ? AuditActions.DeploymentRollBack
                : AuditActions.DeploymentFinish;
            try
            {
                await store.MoveAsync(next, deployment.Status, action, Actor.System, cancellationToken);
                live.PublishTraffic(deployment.Endpoint);
            }
            catch (DeploymentConflictException)
            {
                return; // moved meanwhile (aborted, or another replica's tracker)
            }
        }
        if (next is { Status: DeploymentStatus.Deploying, AbortedBy: not null }
            && (!_abortSet.TryGetValue(next.Id, out var last) || Time.GetUtcNow() - last >= AbortRepeat))
        {
            // SageMaker reads rollback alarms during baking; the alarm may have reverted since it was set, so set it again.
            _abortSet[next.Id] = Time.GetUtcNow();
            await launcher.SetAbortAlarmAsync(next, cancellationToken);
        }
    }

    /// <summary>" Tripped: churn-prod-5xx-rate went to ALARM at 12:03:10 UTC (Threshold Crossed: …)." from CloudWatch; empty when none is in ALARM.</summary>
    private async Task<string> TrippedAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var names = deployment.Plan.RollbackAlarms.Where(a => a != deployment.AbortAlarm).Take(100).ToList();
        if (names.Count == 0)
        {
            return "";
        }
        try
        {
            var alarms = await cloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest { AlarmNames = names }, cancellationToken);
            var tripped = alarms.MetricAlarms.Where(a => a.StateValue == "ALARM" || (a.StateUpdatedTimestamp >= deployment.StartedAt
                && a.StateReason?.Contains("ALARM", StringComparison.Ordinal) == true)).ToList();
            return tripped.Count == 0 ? ""
                : " Tripped: " + string.Join("; ", tripped.Select(a => $"{a.AlarmName} went to ALARM at {a.StateUpdatedTimestamp:HH:mm:ss} UTC ({a.StateReason?.TrimEnd('.')})")) + ".";
        }
        catch (AwsServiceException)
        {
            return ""; // the FailureReason already names the alarm
        }
    }

    private async Task<(bool Found, DescribeEndpointResponse? Response)?> DescribeAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return (true, await sageMaker.DescribeEndpointAsync(new DescribeEndpointRequest(name), cancellationToken));
        }
        catch (AwsServiceException ex) when (ex.ErrorCode == "ValidationException" && ex.Message.Contains("Could not find", StringComparison.Ordinal))
        {
            return (false, null);
        }
        catch (AwsServiceException)
        {
            return null; // a fault: try again next round
        }
    }
}
