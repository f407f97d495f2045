using System.Text.Json;
using Dashboard.Simulator.Faults;
using Dashboard.Simulator.Tests.Wire;
using static Dashboard.Simulator.Tests.Deployments.DeploymentRequests;

namespace Dashboard.Simulator.Tests.Deployments;

/// <summary>
/// AutoRollbackConfiguration against the simulator's own alarms, the execution timeout, and the fault switches that
/// change how a rollback ends. The canary (1 of 2 instances) takes traffic at 14:40:00 and bakes from 14:40:30.
/// </summary>
public sealed class DeploymentRollbackTests : IAsyncLifetime
{
    private SimulatorHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await SimulatorHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private void Advance(int seconds) => _host.Time.Advance(TimeSpan.FromSeconds(seconds));

    /// <summary>A one-minute alarm on churn-prod's 5XX rate (the Average of Invocation5XXErrors).</summary>
    private Task<JsonElement> ErrorRateAlarmAsync(string name, double threshold, string comparison = "GreaterThanThreshold") =>
        _host.CloudWatchAsync("PutMetricAlarm", new
        {
            AlarmName = name,
            Namespace = "AWS/SageMaker",
            MetricName = "Invocation5XXErrors",
            Dimensions = new[] { new { Name = "EndpointName", Value = Endpoint }, new { Name = "VariantName", Value = "AllTraffic" } },
            Statistic = "Average",
            Period = 60,
            EvaluationPeriods = 1,
            Threshold = threshold,
            ComparisonOperator = comparison,
        });

    [Fact]
    public async Task WorseCandidate_ErrorRateAlarmTripsWhileBaking_RollingBackThenInServiceOnTheOldConfigNamingTheAlarm()
    {
        await ErrorRateAlarmAsync("churn-5xx", 0.02);
        await StartAsync(_host, WorseModel, Canary(wait: 600, termination: 300, timeout: 3600, alarms: ["churn-5xx"]));

        Advance(239);
        Assert.Equal("Updating", Status(await DescribeAsync(_host)));
        Advance(1);
        var rollingBack = await DescribeAsync(_host);
        Assert.Equal("RollingBack", Status(rollingBack));
        Assert.Null(Pending(rollingBack));
        Advance(60);
        var after = await DescribeAsync(_host);

        Assert.Equal("InService", Status(after));
        Assert.Equal(OldConfig, after.GetProperty("EndpointConfigName").GetString());
        Assert.Equal("Deployment rolled back to endpoint config \"churn-prod-config-v7\": CloudWatch alarm \"churn-5xx\" was in ALARM at "
            + "2026-03-04T14:41:00Z while the new fleet was baking with 50 % of traffic.", after.GetProperty("FailureReason").GetString());
        Assert.Equal(1f, after.GetProperty("ProductionVariants")[0].GetProperty("CurrentWeight").GetSingle());
    }

    [Fact]
    public async Task WorseCandidate_LookedAtOnlyAtTheEnd_SameRollbackAndMetricsAsWhenPolledEveryTenSeconds()
    {
        await using var polled = await SimulatorHost.StartAsync();
        foreach (var host in new[] { _host, polled })
        {
            await host.CloudWatchAsync("PutMetricAlarm", new
            {
                AlarmName = "churn-5xx",
                Namespace = "AWS/SageMaker",
                MetricName = "Invocation5XXErrors",
                Statistic = "Average",
                Period = 60,
                EvaluationPeriods = 1,
                Threshold = 0.02,
                ComparisonOperator = "GreaterThanThreshold",
                Dimensions = new[] { new { Name = "EndpointName", Value = Endpoint }, new { Name = "VariantName", Value = "AllTraffic" } },
            });
            await StartAsync(host, WorseModel, Canary(wait: 600, termination: 300, timeout: 3600, alarms: ["churn-5xx"]));
        }
        for (var t = 0; t < 600; t += 10)
        {
            polled.Time.Advance(TimeSpan.FromSeconds(10));
            await DescribeAsync(polled);
        }
        Advance(600);

        var quiet = await DescribeAsync(_host);
        var busy = await DescribeAsync(polled);
        Assert.Equal(busy.GetProperty("FailureReason").GetString(), quiet.GetProperty("FailureReason").GetString());
        Assert.Equal(busy.GetProperty("LastModifiedTime").GetDouble(), quiet.GetProperty("LastModifiedTime").GetDouble());
        var query = new
        {
            MetricDataQueries = new[]
            {
                new
                {
                    Id = "e",
                    MetricStat = new
                    {
                        Metric = new
                        {
                            Namespace = "AWS/SageMaker", MetricName = "Invocation5XXErrors",
                            Dimensions = new[] { new { Name = "EndpointName", Value = Endpoint }, new { Name = "VariantName", Value = "AllTraffic" } },
                        },
                        Period = 60, Stat = "Sum",
                    },
                },
            },
            StartTime = TestClock.Now.ToUnixTimeSeconds(),
            EndTime = TestClock.Now.AddMinutes(10).ToUnixTimeSeconds(),
        };
        Assert.Equal((await polled.CloudWatchAsync("GetMetricData", query)).GetRawText(), (await _host.CloudWatchAsync("GetMetricData", query)).GetRawText());
    }

    [Theory]
    [InlineData(null)]
    [InlineData(NewConfig)]
    public async Task WorseCanaryOfThirtyPercent_QuietestHour_AlarmTripsAtTheFirstCanaryMinute(string? config)
    {
        // Sunday 03:00 UTC: churn-prod serves about 215 requests a minute.
        await using var night = await SimulatorHost.StartAsync(now: new DateTimeOffset(2026, 3, 8, 3, 0, 0, TimeSpan.Zero));
        var dimensions = new List<object> { new { Name = "EndpointName", Value = Endpoint }, new { Name = "VariantName", Value = "AllTraffic" } };
        if (config is not null)
        {
            dimensions.Add(new { Name = "EndpointConfigName", Value = config });
        }
        // 1 % over the whole variant (the canary makes it about 1.8 %), or 2 % on the new fleet alone (about 6 %).
        await night.CloudWatchAsync("PutMetricAlarm", new
        {
            AlarmName = "churn-5xx",
            Namespace = "AWS/SageMaker",
            MetricName = "Invocation5XXErrors",
            Statistic = "Average",
            Period = 60,
            EvaluationPeriods = 1,
            Threshold = config is null ? 0.01 : 0.02,
            ComparisonOperator = "GreaterThanThreshold",
            Dimensions = dimensions,
        });
        await StartAsync(night, WorseModel, Canary(wait: 600, termination: 300, timeout: 3600, alarms: ["churn-5xx"], sizeType: "CAPACITY_PERCENT", size: 30));

        night.Time.Advance(TimeSpan.FromSeconds(300));
        var after = await DescribeAsync(night);

        Assert.Equal("InService", Status(after));
        Assert.Equal("Deployment rolled back to endpoint config \"churn-prod-config-v7\": CloudWatch alarm \"churn-5xx\" was in ALARM at "
            + "2026-03-08T03:04:00Z while the new fleet was baking with 30 % of traffic.", after.GetProperty("FailureReason").GetString());
    }

    [Fact]
    public async Task AlarmAlreadyInAlarm_RollsBackWhenBakingStarts()
    {
        await ErrorRateAlarmAsync("always", 0, "GreaterThanOrEqualToThreshold");
        await StartAsync(_host, GoodModel, Canary(wait: 600, termination: 300, timeout: 3600, alarms: ["always"]));

        Advance(209);
        Assert.Equal("Updating", Status(await DescribeAsync(_host)));
        Advance(1);

        Assert.Equal("RollingBack", Status(await DescribeAsync(_host)));
    }

    [Fact]
    public async Task SetAlarmStateFlipRevertedBeforeAnyoneLooked_StillRollsBack()
    {
        await ErrorRateAlarmAsync("abort", 1e9);
        await StartAsync(_host, GoodModel, Canary(wait: 600, termination: 300, timeout: 3600, alarms: ["abort"]));
        Advance(220);
        Assert.Equal("Baking", PendingStatus(await DescribeAsync(_host)));

        await _host.CloudWatchAsync("SetAlarmState", new { AlarmName = "abort", StateValue = "ALARM", StateReason = "Operator aborted the deployment" });
        Advance(50);
        var alarm = (await _host.CloudWatchAsync("DescribeAlarms", new { AlarmNames = new[] { "abort" } })).GetProperty("MetricAlarms")[0];
        Assert.Equal("OK", alarm.GetProperty("StateValue").GetString());
        var after = await DescribeAsync(_host);

        Assert.Equal("RollingBack", Status(after));
        Advance(60);
        Assert.Contains("CloudWatch alarm \"abort\" was in ALARM at 2026-03-04T14:40:40Z", (await DescribeAsync(_host)).GetProperty("FailureReason").GetString());
    }

    [Fact]
    public async Task AlarmStaysOk_GoodCandidateCompletes()
    {
        await ErrorRateAlarmAsync("churn-5xx", 0.02);
        await StartAsync(_host, GoodModel, Canary(wait: 600, termination: 300, timeout: 3600, alarms: ["churn-5xx"]));

        Advance(1140);
        var done = await DescribeAsync(_host);

        Assert.Equal("InService", Status(done));
        Assert.Equal(NewConfig, done.GetProperty("EndpointConfigName").GetString());
    }

    [Fact]
    public async Task ExecutionTimeoutBeforeTheEnd_RollsBackSayingSo()
    {
        // 180 + 30 + 300 + 30 + 299 s of phases do not fit in 600 s.
        await StartAsync(_host, GoodModel, Canary(wait: 300, termination: 299, timeout: 600));

        Advance(599);
        Assert.Equal("Updating", Status(await DescribeAsync(_host)));
        Advance(1);
        Assert.Equal("RollingBack", Status(await DescribeAsync(_host)));
        Advance(60);
        var after = await DescribeAsync(_host);

        Assert.Equal("InService", Status(after));
        Assert.Equal(OldConfig, after.GetProperty("EndpointConfigName").GetString());
        Assert.Equal("Deployment rolled back to endpoint config \"churn-prod-config-v7\": the deployment did not complete within "
            + "MaximumExecutionTimeoutInSeconds (600 s).", after.GetProperty("FailureReason").GetString());
    }

    [Fact]
    public async Task FailNextRollback_UpdateRollbackFailedSayingWhatServes_SwitchUsedUp_UpdateEndpointRecovers()
    {
        _host.Faults.Set(new FaultOptions { FailNextRollback = true });
        // Times out in the canary's wait (180 + 30 + 500 s), with half the traffic on the new fleet.
        await StartAsync(_host, GoodModel, Canary(wait: 500, termination: 0, timeout: 600));

        Advance(660);
        var failed = await DescribeAsync(_host);

        Assert.Equal("UpdateRollbackFailed", Status(failed));
        Assert.Equal("Rollback failed after the deployment did not complete within MaximumExecutionTimeoutInSeconds (600 s): the endpoint serves "
            + "endpoint config \"churn-prod-config-v8\" on 50 % of its traffic and \"churn-prod-config-v7\" on the rest. Update the endpoint to one "
            + "endpoint config to recover.", failed.GetProperty("FailureReason").GetString());
        Assert.False(_host.Faults.Settings.FailNextRollback);

        // Updating to one config recovers it.
        await _host.SageMakerAsync("UpdateEndpoint", Update(null, OldConfig));
        Assert.Equal("Updating", Status(await DescribeAsync(_host)));
        Advance(210);
        var recovered = await DescribeAsync(_host);
        Assert.Equal("InService", Status(recovered));
        Assert.Equal(OldConfig, recovered.GetProperty("EndpointConfigName").GetString());
        Assert.False(recovered.TryGetProperty("FailureReason", out _));
    }

    [Fact]
    public async Task SilentRollbacks_InServiceOnTheOldConfigWithAnEmptyFailureReason()
    {
        _host.Faults.Set(new FaultOptions { SilentRollbacks = true });
        await StartAsync(_host, GoodModel, Canary(wait: 300, termination: 299, timeout: 600));

        Advance(660);
        var after = await DescribeAsync(_host);

        Assert.Equal("InService", Status(after));
        Assert.Equal(OldConfig, after.GetProperty("EndpointConfigName").GetString());
        Assert.Equal("", after.GetProperty("FailureReason").GetString());
    }
}
