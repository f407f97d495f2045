using Dashboard.Core.CloudWatch;
using Dashboard.Core.Fleet;
using Dashboard.Core.Live;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Deployments;

/// <summary>
/// Deletes the CloudWatch alarms the dashboard created for one deployment (its abort alarm and the new-fleet alarms it
/// chose) once the deployment is over and SageMaker no longer reads them: the first fleet poll after the outcome shows
/// the endpoint InService (or Failed, or gone). Stored as done (<see cref="Deployment.AlarmsDeletedAt"/>) so a restart
/// does not ask again; a CloudWatch fault leaves it for the next round and never touches the outcome.
/// </summary>
public sealed partial class DeploymentAlarmCleanup(IDeploymentStore store, ICloudWatchAlarmsClient cloudWatch, LiveStore live,
    TimeProvider timeProvider, ILogger<DeploymentAlarmCleanup> logger)
{
    /// <summary>Finished deployments looked at per round.</summary>
    public const int BatchSize = 20;

    /// <param name="open">The deployments in flight: a new-fleet alarm one of them chose is not deleted (its name is per variant, not per deployment).</param>
    public async Task RunAsync(IReadOnlyList<Deployment> open, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(open);
        var fleet = live.Fleet;
        if (fleet.Count == 0)
        {
            return; // no fleet poll yet: nothing says SageMaker is done with them
        }
        foreach (var deployment in await store.ListAlarmsLeftAsync(BatchSize, cancellationToken))
        {
            if (!NoLongerNeeded(deployment, fleet))
            {
                continue;
            }
            var inUse = open.Where(d => d.Endpoint == deployment.Endpoint && d.Id != deployment.Id)
                .SelectMany(d => d.Plan.RollbackAlarms).ToHashSet(StringComparer.Ordinal);
            var names = Owned(deployment).Where(n => !inUse.Contains(n)).ToList();
            try
            {
                if (names.Count > 0)
                {
                    await cloudWatch.DeleteAlarmsAsync(new DeleteAlarmsRequest(names), cancellationToken);
                }
            }
            catch (AwsServiceException ex) when (ex.ErrorCode != "ResourceNotFound")
            {
                LogNotDeleted(logger, deployment.Id, string.Join(", ", names), ex.ErrorCode);
                continue;
            }
            catch (AwsServiceException)
            {
                // ResourceNotFound: deleted already (by someone, or by our own call whose answer was lost).
            }
            try
            {
                await store.MoveAsync(deployment with { AlarmsDeletedAt = timeProvider.GetUtcNow() }, deployment.Status, null, Actor.System, cancellationToken);
                live.PublishTraffic(deployment.Endpoint);
                LogDeleted(logger, deployment.Id, string.Join(", ", names));
            }
            catch (DeploymentConflictException)
            {
                // A finished deployment does not move; nothing to do if it was removed meanwhile.
            }
        }
    }

    /// <summary>The alarms the dashboard created in CloudWatch for the deployment: the new-fleet alarms it chose and its abort alarm.</summary>
    public static IReadOnlyList<string> Owned(Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var endpoint = deployment.Endpoint;
        var newFleet = deployment.Plan.Variants.SelectMany(v => new[] { NewFleetAlarms.ErrorsName(endpoint, v.Variant), NewFleetAlarms.LatencyName(endpoint, v.Variant) });
        return deployment.Plan.RollbackAlarms.Intersect(newFleet, StringComparer.Ordinal)
            .Append(deployment.AbortAlarm).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Over, and a fleet poll after it shows the endpoint InService, Failed, or no longer there; a rollback that failed
    /// keeps its alarms until the endpoint is InService again.
    /// </summary>
    public static bool NoLongerNeeded(Deployment deployment, IReadOnlyList<EndpointState> fleet)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(fleet);
        // FinishedAt is stored in whole seconds: a poll in the second after it is surely a poll after the outcome.
        if (deployment.IsOpen || deployment.FinishedAt is not { } finished || fleet.Count == 0 || fleet.Max(e => e.ObservedAt) < finished.AddSeconds(1))
        {
            return false;
        }
        var state = fleet.FirstOrDefault(e => e.Name == deployment.Endpoint);
        return state is null
            || (state.ObservedAt >= finished.AddSeconds(1) && state.Status is EndpointStatuses.InService or EndpointStatuses.Failed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted the CloudWatch alarms of finished deployment #{Id}: {Alarms}")]
    private static partial void LogDeleted(ILogger logger, long id, string alarms);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting the CloudWatch alarms of finished deployment #{Id} ({Alarms}) failed with {ErrorCode}; trying again next round")]
    private static partial void LogNotDeleted(ILogger logger, long id, string alarms, string errorCode);
}
