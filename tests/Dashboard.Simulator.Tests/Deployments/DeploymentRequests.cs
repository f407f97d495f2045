using System.Text.Json;
using Dashboard.Simulator.Tests.Wire;

namespace Dashboard.Simulator.Tests.Deployments;

/// <summary>CreateEndpointConfig and UpdateEndpoint bodies for churn-prod (ml.m5.xlarge ×2, one AllTraffic variant).</summary>
internal static class DeploymentRequests
{
    public const string Endpoint = "churn-prod";
    public const string OldConfig = "churn-prod-config-v7";
    public const string NewConfig = "churn-prod-config-v8";
    public const string GoodModel = "churn-xgboost-2026-11";
    public const string WorseModel = "churn-xgboost-2026-12-rc1";

    public static object Config(string model, string name = NewConfig, int count = 2, string type = "ml.m5.xlarge") => new
    {
        EndpointConfigName = name,
        ProductionVariants = new[] { new { VariantName = "AllTraffic", ModelName = model, InitialInstanceCount = count, InstanceType = type, InitialVariantWeight = 1.0 } },
    };

    public static object Canary(int wait, int termination, int timeout, string[]? alarms = null, string sizeType = "INSTANCE_COUNT", int size = 1) =>
        BlueGreen(new { Type = "CANARY", WaitIntervalInSeconds = wait, CanarySize = new { Type = sizeType, Value = size } }, termination, timeout, alarms);

    public static object Linear(int wait, int termination, int timeout, int percent, string[]? alarms = null) =>
        BlueGreen(new { Type = "LINEAR", WaitIntervalInSeconds = wait, LinearStepSize = new { Type = "CAPACITY_PERCENT", Value = percent } },
            termination, timeout, alarms);

    public static object BlueGreen(object routing, int termination, int timeout, string[]? alarms = null) => alarms is null
        ? new { BlueGreenUpdatePolicy = new { TrafficRoutingConfiguration = routing, TerminationWaitInSeconds = termination, MaximumExecutionTimeoutInSeconds = timeout } }
        : new
        {
            BlueGreenUpdatePolicy = new { TrafficRoutingConfiguration = routing, TerminationWaitInSeconds = termination, MaximumExecutionTimeoutInSeconds = timeout },
            AutoRollbackConfiguration = new { Alarms = alarms.Select(a => new { AlarmName = a }).ToArray() },
        };

    public static object Update(object? deploymentConfig, string config = NewConfig, string endpoint = Endpoint) => deploymentConfig is null
        ? new { EndpointName = endpoint, EndpointConfigName = config }
        : new { EndpointName = endpoint, EndpointConfigName = config, DeploymentConfig = deploymentConfig };

    /// <summary>Creates the config and starts the update; both must succeed.</summary>
    public static async Task StartAsync(SimulatorHost host, string model, object? deploymentConfig, string config = NewConfig)
    {
        await host.SageMakerAsync("CreateEndpointConfig", Config(model, config));
        await host.SageMakerAsync("UpdateEndpoint", Update(deploymentConfig, config));
    }

    public static Task<JsonElement> DescribeAsync(SimulatorHost host, string endpoint = Endpoint) =>
        host.SageMakerAsync("DescribeEndpoint", new { EndpointName = endpoint });

    public static string Status(JsonElement describe) => describe.GetProperty("EndpointStatus").GetString()!;

    /// <summary>The new fleet's variant status (Creating, ActivatingTraffic, Baking), or null without a pending deployment.</summary>
    public static JsonElement? Pending(JsonElement describe) =>
        describe.TryGetProperty("PendingDeploymentSummary", out var pending) ? pending : null;

    public static string PendingStatus(JsonElement describe) =>
        Pending(describe)!.Value.GetProperty("ProductionVariants")[0].GetProperty("VariantStatus")[0].GetProperty("Status").GetString()!;
}
