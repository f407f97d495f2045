using Dashboard.Simulator.Tests.Wire;
using static Dashboard.Simulator.Tests.Deployments.DeploymentRequests;

namespace Dashboard.Simulator.Tests.Deployments;

/// <summary>Each strategy's phases on the simulator's clock: provisioning 180 s, 30 s per traffic shift, then the policy's waits.</summary>
public sealed class DeploymentTimelineTests : IAsyncLifetime
{
    private SimulatorHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await SimulatorHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private void Advance(int seconds) => _host.Time.Advance(TimeSpan.FromSeconds(seconds));

    [Fact]
    public async Task Canary_GoodCandidate_CreatingActivatingBakingThenInServiceOnTheNewConfig()
    {
        await StartAsync(_host, GoodModel, Canary(wait: 600, termination: 300, timeout: 3600));

        var creating = await DescribeAsync(_host);
        Assert.Equal("Updating", Status(creating));
        Assert.Equal(OldConfig, creating.GetProperty("EndpointConfigName").GetString());
        Assert.Equal(NewConfig, Pending(creating)!.Value.GetProperty("EndpointConfigName").GetString());
        Assert.Equal(TestClock.Now.ToUnixTimeSeconds(), Pending(creating)!.Value.GetProperty("StartTime").GetDouble());
        Assert.Equal("Creating", PendingStatus(creating));
        Assert.Equal("CANARY", creating.GetProperty("LastDeploymentConfig").GetProperty("BlueGreenUpdatePolicy")
            .GetProperty("TrafficRoutingConfiguration").GetProperty("Type").GetString());
        var listed = await _host.SageMakerAsync("ListEndpoints", new { StatusEquals = "Updating" });
        Assert.Contains(Endpoint, listed.GetProperty("Endpoints").EnumerateArray().Select(e => e.GetProperty("EndpointName").GetString()));

        Advance(180);
        var activating = await DescribeAsync(_host);
        Assert.Equal("ActivatingTraffic", PendingStatus(activating));
        var green = Pending(activating)!.Value.GetProperty("ProductionVariants")[0];
        Assert.Equal(0.5f, green.GetProperty("CurrentWeight").GetSingle());
        Assert.Equal(2, green.GetProperty("CurrentInstanceCount").GetInt32());
        Assert.Equal("ml.m5.xlarge", green.GetProperty("InstanceType").GetString());
        Assert.Equal(0.5f, activating.GetProperty("ProductionVariants")[0].GetProperty("CurrentWeight").GetSingle());

        Advance(30);
        var baking = await DescribeAsync(_host);
        Assert.Equal("Baking", PendingStatus(baking));
        Assert.Equal("Baking for 600 seconds", Pending(baking)!.Value.GetProperty("ProductionVariants")[0].GetProperty("VariantStatus")[0]
            .GetProperty("StatusMessage").GetString());

        Advance(600);
        Assert.Equal("ActivatingTraffic", PendingStatus(await DescribeAsync(_host)));
        Advance(30 + 299);
        var finalBake = await DescribeAsync(_host);
        Assert.Equal("Updating", Status(finalBake));
        Assert.Equal("Baking for 300 seconds", Pending(finalBake)!.Value.GetProperty("ProductionVariants")[0].GetProperty("VariantStatus")[0]
            .GetProperty("StatusMessage").GetString());

        Advance(1);
        var done = await DescribeAsync(_host);
        Assert.Equal("InService", Status(done));
        Assert.Equal(NewConfig, done.GetProperty("EndpointConfigName").GetString());
        Assert.Null(Pending(done));
        Assert.False(done.TryGetProperty("FailureReason", out _));
        Assert.Equal(1f, done.GetProperty("ProductionVariants")[0].GetProperty("CurrentWeight").GetSingle());
        Assert.Equal(TestClock.Now.AddSeconds(1140).ToUnixTimeSeconds(), done.GetProperty("LastModifiedTime").GetDouble());
        Assert.True(done.TryGetProperty("LastDeploymentConfig", out _));
    }

    [Fact]
    public async Task Linear_QuarterSteps_ThreeWaitsAndCompletesOnTime()
    {
        await StartAsync(_host, GoodModel, Linear(wait: 60, termination: 0, timeout: 900, percent: 25));
        var shares = new List<float>();
        // 180 s provisioning, then 0.25, 0.5, 0.75 with 60 s each and 30 s per shift, then 100 %.
        for (var t = 0; t < 480; t += 30)
        {
            var describe = await DescribeAsync(_host);
            Assert.Equal("Updating", Status(describe));
            shares.Add(Pending(describe)!.Value.GetProperty("ProductionVariants")[0].GetProperty("CurrentWeight").GetSingle());
            Advance(30);
        }

        Assert.Equal([0f, 0.25f, 0.5f, 0.75f, 1f], shares.Distinct());
        Assert.Equal("InService", Status(await DescribeAsync(_host)));
    }

    [Fact]
    public async Task NoDeploymentConfig_AllAtOnce_InServiceAfterProvisioningAndOneShift()
    {
        await StartAsync(_host, GoodModel, null);

        Advance(209);
        Assert.Equal("Updating", Status(await DescribeAsync(_host)));
        Advance(1);
        var done = await DescribeAsync(_host);

        Assert.Equal("InService", Status(done));
        Assert.Equal(NewConfig, done.GetProperty("EndpointConfigName").GetString());
        Assert.False(done.TryGetProperty("LastDeploymentConfig", out _));
    }

    [Fact]
    public async Task Rolling_OneInstanceBatches_TwoBatchesOfReplaceShiftAndWait()
    {
        var rolling = new { RollingUpdatePolicy = new { MaximumBatchSize = new { Type = "INSTANCE_COUNT", Value = 1 }, WaitIntervalInSeconds = 60 } };
        await StartAsync(_host, GoodModel, rolling);

        Advance(120 + 30);
        var firstBatch = await DescribeAsync(_host);
        Assert.Equal("Baking", PendingStatus(firstBatch));
        Assert.Equal(1, Pending(firstBatch)!.Value.GetProperty("ProductionVariants")[0].GetProperty("CurrentInstanceCount").GetInt32());
        Advance(60 + 120 + 30 + 59);
        Assert.Equal("Updating", Status(await DescribeAsync(_host)));
        Advance(1);

        Assert.Equal(NewConfig, (await DescribeAsync(_host)).GetProperty("EndpointConfigName").GetString());
    }

    [Fact]
    public async Task SpeedFactor_Ten_EveryDurationDividedByTen()
    {
        await using var fast = await SimulatorHost.StartAsync(o => o.DeploymentSpeed = 10);
        await StartAsync(fast, GoodModel, Canary(wait: 600, termination: 300, timeout: 3600));

        fast.Time.Advance(TimeSpan.FromSeconds(18));
        Assert.Equal("ActivatingTraffic", PendingStatus(await DescribeAsync(fast)));
        fast.Time.Advance(TimeSpan.FromSeconds(95));
        Assert.Equal("Updating", Status(await DescribeAsync(fast)));
        fast.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("InService", Status(await DescribeAsync(fast)));
    }

    [Fact]
    public async Task ScheduledDeployment_SupportIntent_StartsFiveMinutesAfterStartAndCompletesOnV4()
    {
        Assert.Equal("InService", Status(await DescribeAsync(_host, "support-intent")));
        Advance(300);
        var started = await DescribeAsync(_host, "support-intent");
        Assert.Equal("Updating", Status(started));
        Assert.Equal("support-intent-config-v4", Pending(started)!.Value.GetProperty("EndpointConfigName").GetString());
        Assert.Equal("LINEAR", started.GetProperty("LastDeploymentConfig").GetProperty("BlueGreenUpdatePolicy")
            .GetProperty("TrafficRoutingConfiguration").GetProperty("Type").GetString());

        // 180 s provisioning, 30 s to 50 %, 120 s, 30 s to 100 %, 120 s final bake.
        Advance(479);
        Assert.Equal("Updating", Status(await DescribeAsync(_host, "support-intent")));
        Advance(1);
        var done = await DescribeAsync(_host, "support-intent");
        Assert.Equal("InService", Status(done));
        Assert.Equal("support-intent-config-v4", done.GetProperty("EndpointConfigName").GetString());
        var config = await _host.SageMakerAsync("DescribeEndpointConfig", new { EndpointConfigName = "support-intent-config-v4" });
        Assert.Equal("intent-distilbert-v4", config.GetProperty("ProductionVariants")[0].GetProperty("ModelName").GetString());
    }

    [Fact]
    public async Task ScheduledDeployment_Disabled_SupportIntentStaysInService()
    {
        await using var host = await SimulatorHost.StartAsync(o => o.ScheduledDeployment = false);
        host.Time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal("InService", Status(await DescribeAsync(host, "support-intent")));
    }
}
