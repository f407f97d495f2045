using System.Net;
using System.Text.Json;
using Dashboard.Simulator.Scenario;
using Dashboard.Simulator.Tests.Wire;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Simulator.Tests.Deployments.DeploymentRequests;

namespace Dashboard.Simulator.Tests.Deployments;

/// <summary>
/// The dashboard-gated canary's calls: an update without DeploymentConfig adds a "-canary" variant (the new model, one
/// instance, weight 0), weights move traffic to it, and a second update promotes or rolls back to one variant.
/// Updates started at 14:37 serve the new set of variants from 14:41 (provisioning 180 s, activation 30 s).
/// </summary>
public sealed class VariantChangeTests : IAsyncLifetime
{
    private const string CanaryVariant = "AllTraffic-canary";
    private const string CanaryConfig = "churn-prod-20260304143700-canary";
    private const string FinalConfig = "churn-prod-20260304143700";
    private static readonly DateTimeOffset Switch = TestClock.Now.AddMinutes(4);

    private SimulatorHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await SimulatorHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private FleetScenario Scenario => _host.App.Services.GetRequiredService<FleetScenario>();

    private double? Value(string variant, string metric, string stat, DateTimeOffset minute) =>
        Scenario.FindSeries(Endpoint, variant, metric)?.GetValue(Statistic.Parse(stat), 60, minute);

    private double Total(string variant, string metric, DateTimeOffset from, int minutes) =>
        Enumerable.Range(0, minutes).Sum(m => Value(variant, metric, "Sum", from.AddMinutes(m)) ?? 0);

    private static object CanaryConfigBody(string model) => new
    {
        EndpointConfigName = CanaryConfig,
        ProductionVariants = new[]
        {
            new { VariantName = "AllTraffic", ModelName = "churn-xgboost-2026-01", InitialInstanceCount = 2, InstanceType = "ml.m5.xlarge", InitialVariantWeight = 1.0 },
            new { VariantName = CanaryVariant, ModelName = model, InitialInstanceCount = 1, InstanceType = "ml.m5.xlarge", InitialVariantWeight = 0.0 },
        },
    };

    private async Task AddCanaryAsync(string model = WorseModel)
    {
        await _host.SageMakerAsync("CreateEndpointConfig", CanaryConfigBody(model));
        await _host.SageMakerAsync("UpdateEndpoint", Update(null, CanaryConfig));
        _host.Time.Advance(TimeSpan.FromMinutes(4));
    }

    private Task SetWeightsAsync(float control, float canary) => _host.SageMakerAsync("UpdateEndpointWeightsAndCapacities", new
    {
        EndpointName = Endpoint,
        DesiredWeightsAndCapacities = new[] { new { VariantName = "AllTraffic", DesiredWeight = control }, new { VariantName = CanaryVariant, DesiredWeight = canary } },
    });

    private static List<(string Name, float Weight, int Instances)> Variants(JsonElement describe) =>
        describe.GetProperty("ProductionVariants").EnumerateArray()
            .Select(v => (v.GetProperty("VariantName").GetString()!, v.GetProperty("CurrentWeight").GetSingle(), v.GetProperty("CurrentInstanceCount").GetInt32()))
            .ToList();

    [Fact]
    public async Task UpdateWithoutDeploymentConfig_AddsCanaryVariant_UpdatingThenInServiceWithItsSeries()
    {
        await _host.SageMakerAsync("CreateEndpointConfig", CanaryConfigBody(WorseModel));
        await _host.SageMakerAsync("UpdateEndpoint", Update(null, CanaryConfig));

        var updating = await DescribeAsync(_host);
        Assert.Equal("Updating", Status(updating));
        Assert.Equal([("AllTraffic", 1f, 2)], Variants(updating));
        Assert.Equal(["AllTraffic", CanaryVariant], Pending(updating)!.Value.GetProperty("ProductionVariants").EnumerateArray()
            .Select(v => v.GetProperty("VariantName").GetString()));

        _host.Time.Advance(TimeSpan.FromMinutes(4));
        var serving = await DescribeAsync(_host);
        Assert.Equal("InService", Status(serving));
        Assert.Equal(CanaryConfig, serving.GetProperty("EndpointConfigName").GetString());
        Assert.Equal([("AllTraffic", 1f, 2), (CanaryVariant, 0f, 1)], Variants(serving));
        var listed = await _host.CloudWatchAsync("ListMetrics", new
        {
            MetricName = "Invocations",
            Dimensions = new object[] { new { Name = "EndpointName", Value = Endpoint }, new { Name = "VariantName", Value = CanaryVariant } },
        });
        Assert.Single(listed.GetProperty("Metrics").EnumerateArray(), m => m.GetProperty("Dimensions").GetArrayLength() == 2);
        // At weight 0 it serves nothing yet, but its instance reports CPU from the minute it serves.
        Assert.Null(Value(CanaryVariant, "Invocations", "Sum", Switch));
        Assert.Null(Value(CanaryVariant, "CPUUtilization", "Average", Switch.AddMinutes(-1)));
        Assert.NotNull(Value(CanaryVariant, "CPUUtilization", "Average", Switch));
    }

    [Fact]
    public async Task Weights_MoveTrafficToCanary_ItsShareAndItsModels5xxRate()
    {
        await AddCanaryAsync();
        var before = Total("AllTraffic", "Invocations", TestClock.Now.AddMinutes(-30), 34);
        await SetWeightsAsync(1, 1);
        var changed = _host.Time.GetUtcNow();
        _host.Time.Advance(TimeSpan.FromMinutes(20));

        Assert.Equal(before, Total("AllTraffic", "Invocations", TestClock.Now.AddMinutes(-30), 34));
        var from = changed.AddMinutes(1);
        var canary = Total(CanaryVariant, "Invocations", from, 15);
        var control = Total("AllTraffic", "Invocations", from, 15);
        Assert.InRange(canary / (canary + control), 0.46, 0.54);
        Assert.InRange(Total(CanaryVariant, "Invocation5XXErrors", from, 15) / canary, 0.05, 0.07);
        Assert.InRange(Total("AllTraffic", "Invocation5XXErrors", from, 15) / control, 0, 0.005);
        Assert.Equal([("AllTraffic", 1f, 2), (CanaryVariant, 1f, 1)], Variants(await DescribeAsync(_host)));
    }

    [Fact]
    public async Task Promotion_ConfigWithoutCanary_CanaryStopsAndItsPastStays()
    {
        await AddCanaryAsync(GoodModel);
        await SetWeightsAsync(0, 1);
        _host.Time.Advance(TimeSpan.FromMinutes(5));
        await _host.SageMakerAsync("CreateEndpointConfig", Config(GoodModel, FinalConfig));
        await _host.SageMakerAsync("UpdateEndpoint", Update(null, FinalConfig));
        var promotedAt = _host.Time.GetUtcNow();
        var past = Total(CanaryVariant, "Invocations", Switch, 5);
        _host.Time.Advance(TimeSpan.FromMinutes(10));

        var serving = await DescribeAsync(_host);
        Assert.Equal(FinalConfig, serving.GetProperty("EndpointConfigName").GetString());
        Assert.Equal("AllTraffic", Assert.Single(Variants(serving)).Name);
        Assert.Equal(past, Total(CanaryVariant, "Invocations", Switch, 5));
        Assert.True(past > 0);
        Assert.Equal(0, Total(CanaryVariant, "Invocations", promotedAt.AddMinutes(5), 5));
        Assert.Null(Value(CanaryVariant, "CPUUtilization", "Average", promotedAt.AddMinutes(5)));
        Assert.True(Total("AllTraffic", "Invocations", promotedAt.AddMinutes(5), 5) > 0);
        var refused = await _host.PostAsync(SimulatorHost.SageMakerPrefix + "UpdateEndpointWeightsAndCapacities", JsonSerializer.Serialize(new
        {
            EndpointName = Endpoint,
            DesiredWeightsAndCapacities = new[] { new { VariantName = CanaryVariant, DesiredWeight = 1f } },
        }));
        Assert.Contains(CanaryVariant, await SimulatorHost.AssertErrorAsync(refused, HttpStatusCode.BadRequest, "ValidationException"));
    }

    [Fact]
    public async Task Rollback_WeightsBackThenOriginalConfig_OneVariantOnTheOldModel()
    {
        await AddCanaryAsync();
        await SetWeightsAsync(1, 1);
        _host.Time.Advance(TimeSpan.FromMinutes(5));
        await SetWeightsAsync(1, 0);
        _host.Time.Advance(TimeSpan.FromMinutes(1));
        await _host.SageMakerAsync("UpdateEndpoint", Update(null, OldConfig));
        var rolledBackAt = _host.Time.GetUtcNow();
        _host.Time.Advance(TimeSpan.FromMinutes(10));

        var serving = await DescribeAsync(_host);
        Assert.Equal("InService", Status(serving));
        Assert.Equal(OldConfig, serving.GetProperty("EndpointConfigName").GetString());
        Assert.Equal([("AllTraffic", 1f, 2)], Variants(serving));
        var later = rolledBackAt.AddMinutes(5);
        Assert.Null(Value(CanaryVariant, "CPUUtilization", "Average", later));
        Assert.InRange(Total("AllTraffic", "Invocation5XXErrors", later, 5) / Total("AllTraffic", "Invocations", later, 5), 0, 0.005);
    }
}
