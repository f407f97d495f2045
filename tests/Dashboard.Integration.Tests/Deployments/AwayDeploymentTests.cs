using Dashboard.Core.CloudWatch;
using Dashboard.Core.Deployments;
using Dashboard.Core.SageMaker;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Integration.Tests.Deployments;

/// <summary>
/// A deployment started and settled outside the dashboard while it was stopped: the next start sees the endpoint changed
/// since its last stored sighting and records it, as succeeded (another config serves) or rolled back (same config,
/// modified since, with SageMaker's FailureReason).
/// </summary>
public sealed class AwayDeploymentTests
{
    private const string Churn = "churn-prod";
    private const string Stop = "churn-prod-outside-stop";

    [Fact]
    public async Task UpdateFinishedWhileStopped_NextStartRecordsItAsSucceededOutsideAtTheTimeItEnded()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var driver = await DeploymentDriver.StartAsync(ct);
        await driver.Tracker.RunOnceAsync(ct); // the running dashboard's sighting of every endpoint
        var before = await driver.DescribeAsync(Churn, ct);

        var (newConfig, after) = await DeployOutsideAsync(driver, "churn-xgboost-2026-11", rollBack: false, ct);
        await driver.RestartAsync(ct);
        await driver.Tracker.RunOnceAsync(ct);

        Assert.Equal(newConfig, after.EndpointConfigName);
        var deployment = Assert.Single(await driver.Service.RecentAsync(Churn, 10, ct));
        Assert.True(deployment.StartedOutside);
        Assert.Equal(DeploymentStatus.Succeeded, deployment.Status);
        Assert.Equal((before.EndpointConfigName, newConfig), (deployment.OldConfig, deployment.NewConfig));
        Assert.Equal([("AllTraffic", "churn-xgboost-2026-11")], deployment.Plan.Variants.Select(v => (v.Variant, v.Model)));
        Assert.Equal(after.LastModifiedTime.ToUnixTimeSeconds(), deployment.FinishedAt?.ToUnixTimeSeconds());
        Assert.All(deployment.Steps, s => Assert.Equal(StepState.Done, s.State));

        // Another start with nothing new: nothing recorded twice.
        await driver.RestartAsync(ct);
        await driver.Tracker.RunOnceAsync(ct);
        Assert.Single(await driver.Service.RecentAsync(Churn, 10, ct));
    }

    [Fact]
    public async Task UpdateRolledBackWhileStopped_NextStartRecordsItAsRolledBackWithSageMakersReason()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var driver = await DeploymentDriver.StartAsync(ct);
        await driver.Tracker.RunOnceAsync(ct);
        var before = await driver.DescribeAsync(Churn, ct);

        var (_, after) = await DeployOutsideAsync(driver, "churn-xgboost-2026-12-rc1", rollBack: true, ct);
        await driver.RestartAsync(ct);
        await driver.Tracker.RunOnceAsync(ct);

        Assert.Equal(before.EndpointConfigName, after.EndpointConfigName);
        Assert.False(string.IsNullOrWhiteSpace(after.FailureReason));
        var deployment = Assert.Single(await driver.Service.RecentAsync(Churn, 10, ct));
        Assert.True(deployment.StartedOutside);
        Assert.Equal(DeploymentStatus.RolledBack, deployment.Status);
        Assert.Equal((before.EndpointConfigName, (string?)null), (deployment.OldConfig, deployment.NewConfig));
        Assert.Equal($"SageMaker: {after.FailureReason!.Trim()}", deployment.Outcome);
        Assert.Contains(Stop, deployment.Outcome, StringComparison.Ordinal);
        Assert.Equal(DeploymentStrategy.AllAtOnce, deployment.Plan.Strategy);
        Assert.Equal([Stop], deployment.Plan.RollbackAlarms);

        await driver.RestartAsync(ct);
        await driver.Tracker.RunOnceAsync(ct);
        Assert.Single(await driver.Service.RecentAsync(Churn, 10, ct));
    }

    /// <summary>
    /// What CI/CD would do while the dashboard is stopped (no fleet poll, no tracker round): a copy of churn-prod's config
    /// with <paramref name="model"/>, deployed all at once with a bake; with <paramref name="rollBack"/> its rollback alarm
    /// is set to ALARM while it bakes. Runs until SageMaker has settled it.
    /// </summary>
    private static async Task<(string Config, DescribeEndpointResponse Endpoint)> DeployOutsideAsync(DeploymentDriver driver, string model, bool rollBack,
        CancellationToken ct)
    {
        var alarms = driver.Host.Services.GetRequiredService<ICloudWatchAlarmsClient>();
        var endpoint = await driver.DescribeAsync(Churn, ct);
        var current = await driver.SageMaker.DescribeEndpointConfigAsync(new DescribeEndpointConfigRequest(endpoint.EndpointConfigName!), ct);
        var config = $"{Churn}-cicd-{driver.Host.Time.GetUtcNow():yyyyMMddHHmmss}";
        var plan = new DeploymentPlan(Churn, DeploymentStrategy.AllAtOnce, [new VariantTarget("AllTraffic", model)], [Stop]) { BakeSeconds = 300, TimeoutSeconds = 3_600 };
        var ci = new Deployment(0, plan, "ci", DeploymentStatus.Approved, "ci", driver.Host.Time.GetUtcNow(), []);
        // CI/CD's own stop switch: never breaches by itself, set to ALARM to make SageMaker roll back (as the dashboard's abort alarm).
        await alarms.PutMetricAlarmAsync(DeploymentLauncher.AbortAlarm(ci, Stop), ct);
        await driver.SageMaker.CreateEndpointConfigAsync(DeploymentLauncher.Copy(current, config, plan, []), ct);
        await driver.SageMaker.UpdateEndpointAsync(new UpdateEndpointRequest(Churn, config)
        {
            DeploymentConfig = DeploymentLauncher.Config(ci),
        }, ct);
        for (var round = 0; round < 400; round++)
        {
            driver.Host.Time.Advance(DeploymentDriver.Round);
            endpoint = await driver.DescribeAsync(Churn, ct);
            if (endpoint.EndpointStatus == EndpointStatuses.InService && endpoint.PendingDeploymentSummary is null)
            {
                return (config, endpoint);
            }
            if (rollBack && endpoint.PendingDeploymentSummary?.ProductionVariants?.SelectMany(v => v.VariantStatus ?? []).Any(s => s.Status == VariantStatuses.Baking) == true)
            {
                await alarms.SetAlarmStateAsync(new SetAlarmStateRequest(Stop, "ALARM", "CI/CD's smoke test failed."), ct);
            }
        }
        throw new InvalidOperationException($"{Churn} did not settle: {endpoint.EndpointStatus}");
    }
}
