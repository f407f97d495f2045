using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms.Mirror;
using Dashboard.Core.Alarms;
using Dashboard.Core.CloudWatch;
using Dashboard.Core.Notifications;
using Dashboard.Core.Security;
using Dashboard.Core.Storage;
using Dashboard.Simulator.Faults;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Integration.Tests.Alarms;

/// <summary>
/// Mirroring through the real HTTP clients to the simulator, which evaluates the alarms it stores: CloudWatch's state
/// is read back beside ours, and a save during a CloudWatch fault stands locally, records the error and is retried.
/// </summary>
public sealed class AlarmMirrorTests
{
    private static readonly Actor Engineer = new("eng", new HashSet<Role> { Role.Engineer });

    /// <summary>A few minutes later: new metrics fetched, our evaluation, then the mirror's read-back.</summary>
    private static async Task AdvanceAndCollectAsync(DashboardHost host, TimeSpan by, CancellationToken ct)
    {
        host.Time.Advance(by);
        await host.MetricCollector.RunOnceAsync(ct);
        var evaluation = ActivatorUtilities.CreateInstance<AlarmCollector>(host.Services, new NoNotifications());
        await evaluation.RunOnceAsync(ct);
        await host.Services.GetRequiredService<AlarmMirrorCollector>().RunOnceAsync(ct);
    }

    [Fact]
    public async Task SaveMirrored_MirrorCycle_CloudWatchStateRecordedBesideOurs()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct);
        await host.BackfillAsync(ct);
        var alarm = await BusyAlarm.CreateAsync(host, ct, mirror: true);

        Assert.Empty(await host.Services.GetRequiredService<AlarmService>().SaveAsync(Engineer, alarm, isNew: true, ct));
        await AdvanceAndCollectAsync(host, TimeSpan.FromMinutes(3), ct);

        host.AssertHealthy(AlarmMirrorCollector.SourceName);
        var entry = await host.Services.GetRequiredService<IAlarmStore>().FindAsync(BusyAlarm.Name, ct);
        Assert.NotNull(entry);
        Assert.Equal(AlarmState.Alarm, entry.Status.State);
        var cloudWatch = entry.Status.CloudWatch;
        Assert.NotNull(cloudWatch);
        Assert.Null(cloudWatch.Error);
        Assert.Equal(AlarmState.Alarm, cloudWatch.State);
        Assert.StartsWith("Threshold crossed: 3 of the last 3 datapoints", cloudWatch.Reason);
        Assert.Equal(host.Time.GetUtcNow().ToUnixTimeSeconds(), cloudWatch.CheckedAt);
        Assert.False(MirrorAgreement.Compare(entry.Status).Disagrees);

        // What the simulator holds was created by the mirror's request, marked as ours, and so is not listed as external.
        var described = await host.Services.GetRequiredService<ICloudWatchAlarmsClient>()
            .DescribeAlarmsAsync(new DescribeAlarmsRequest { AlarmNames = [BusyAlarm.Name] }, ct);
        var stored = Assert.Single(described.MetricAlarms);
        Assert.True(CloudWatchAlarmMapping.IsManaged(stored.AlarmDescription));
        Assert.Equal("Sum", stored.Statistic);
        Assert.Empty(host.Services.GetRequiredService<ExternalAlarms>().All);
    }

    [Fact]
    public async Task ExternalAlarmOnFleetEndpoint_MirrorCycle_ListedReadOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct);
        await host.BackfillAsync(ct);
        var client = host.Services.GetRequiredService<ICloudWatchAlarmsClient>();
        await client.PutMetricAlarmAsync(new PutMetricAlarmRequest("hand-made-churn-5xx")
        {
            Namespace = "AWS/SageMaker",
            MetricName = "Invocation5XXErrors",
            Statistic = "Sum",
            Period = 60,
            EvaluationPeriods = 1,
            Threshold = 1e9,
            ComparisonOperator = ComparisonOperators.GreaterThanThreshold,
            Dimensions = [new Dimension("EndpointName", "churn-prod"), new Dimension("VariantName", "AllTraffic")],
        }, ct);

        await AdvanceAndCollectAsync(host, TimeSpan.FromMinutes(2), ct);

        var external = Assert.Single(host.Services.GetRequiredService<ExternalAlarms>().All);
        Assert.Equal(("hand-made-churn-5xx", "churn-prod", AlarmState.Ok), (external.Name, external.Endpoint, external.State));
        Assert.Equal("Invocation5XXErrors Sum (60 s) > 1000000000.0 for 1 of 1 periods", external.Condition);
    }

    [Theory]
    [InlineData("throttling")]
    [InlineData("server errors")]
    public async Task SaveDuringCloudWatchFault_LocalSaveStandsErrorRecordedThenNextCycleMirrors(string fault)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct);
        await host.BackfillAsync(ct);
        var alarm = await BusyAlarm.CreateAsync(host, ct, mirror: true);
        var store = host.Services.GetRequiredService<IAlarmStore>();
        host.SimulatorFaults.Set(fault == "throttling"
            ? new FaultOptions { ThrottleRate = 1, Services = FaultServices.CloudWatch }
            : new FaultOptions { ServerErrorRate = 1, Services = FaultServices.CloudWatch });

        Assert.Empty(await host.Services.GetRequiredService<AlarmService>().SaveAsync(Engineer, alarm, isNew: true, ct));

        var failed = await store.FindAsync(BusyAlarm.Name, ct);
        Assert.NotNull(failed);
        Assert.True(failed.Definition.MirrorToCloudWatch);
        Assert.StartsWith("PutMetricAlarm failed (", failed.Status.CloudWatch?.Error);
        Assert.Null(failed.Status.CloudWatch!.State);
        Assert.False(MirrorAgreement.Compare(failed.Status).Disagrees);

        host.SimulatorFaults.Clear();
        await AdvanceAndCollectAsync(host, TimeSpan.FromMinutes(1), ct);

        var retried = (await store.FindAsync(BusyAlarm.Name, ct))!.Status.CloudWatch;
        Assert.NotNull(retried);
        Assert.Null(retried.Error);
        Assert.Equal(AlarmState.InsufficientData, retried.State); // created by this cycle's retry, not yet evaluated
        host.AssertHealthy(AlarmMirrorCollector.SourceName);

        await AdvanceAndCollectAsync(host, TimeSpan.FromMinutes(2), ct);
        var entry = (await store.FindAsync(BusyAlarm.Name, ct))!;
        Assert.Equal(AlarmState.Alarm, entry.Status.CloudWatch?.State);
        Assert.False(MirrorAgreement.Compare(entry.Status).Disagrees);
    }

    private sealed class NoNotifications : IAlarmNotifier
    {
        public Task NotifyAsync(IReadOnlyList<AlarmTransition> transitions, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
