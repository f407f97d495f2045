using Dashboard.Core.CloudWatch;
using Dashboard.Core.Deployments;
using Dashboard.Core.Fleet;
using Dashboard.Core.Live;
using Dashboard.Core.SageMaker;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static Dashboard.Core.Tests.DeploymentNotices.DeploymentSamples;

namespace Dashboard.Core.Tests.Deployments;

public sealed class DeploymentAlarmCleanupTests
{
    private const string NewFleet5xx = "churn-prod-AllTraffic-new-fleet-5xx-rate";
    private const string Abort = "churn-prod-deployment-3-abort";

    private readonly FakeDeploymentStore _store = new();
    private readonly DeletingClient _cloudWatch = new();
    private readonly FakeTimeProvider _time = new(Start.AddHours(1));
    private readonly LiveStore _live;

    public DeploymentAlarmCleanupTests() => _live = new LiveStore(_time);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DeploymentAlarmCleanup Cleanup() => new(_store, _cloudWatch, _live, _time, NullLogger<DeploymentAlarmCleanup>.Instance);

    /// <summary>Rolled back, with a new-fleet alarm, an endpoint-wide alarm and its abort alarm.</summary>
    private static Deployment RolledBack(long id = 3)
    {
        var finished = Finished(DeploymentStatus.RolledBack, "SageMaker rolled back.", id);
        return finished with
        {
            Plan = finished.Plan with { RollbackAlarms = [NewFleet5xx, "churn-prod-latency-p90"] },
            AbortAlarm = DeploymentLauncher.AbortAlarmName(finished),
        };
    }

    private void Poll(string status, DateTimeOffset observedAt, string endpoint = "churn-prod") =>
        _live.PublishFleet([new EndpointState(endpoint, $"arn:{endpoint}", status, "churn-prod-config-v7", Start, Start, null, [], observedAt)]);

    [Fact]
    public async Task RunAsync_FinishedAndAPollAfterShowsInService_DeletesItsOwnAlarmsOnceAndStoresIt()
    {
        _store.Put(RolledBack());
        Poll(EndpointStatuses.InService, Start.AddMinutes(31));

        await Cleanup().RunAsync([], Ct);
        await Cleanup().RunAsync([], Ct);

        Assert.Equal([[NewFleet5xx, Abort]], _cloudWatch.Deleted);
        var stored = await _store.FindAsync(3, Ct);
        Assert.Equal((DeploymentStatus.RolledBack, "SageMaker rolled back.", _time.GetUtcNow()), (stored!.Status, stored.Outcome, stored.AlarmsDeletedAt));
    }

    [Theory]
    [InlineData(EndpointStatuses.InService, -60)]
    [InlineData(EndpointStatuses.InService, 0)]
    [InlineData(EndpointStatuses.UpdateRollbackFailed, 60)]
    [InlineData(EndpointStatuses.Updating, 60)]
    public async Task RunAsync_NoPollSinceItFinishedOrEndpointNotInService_KeepsThem(string status, int secondsAfterFinish)
    {
        _store.Put(RolledBack() with { Status = DeploymentStatus.RollbackFailed });
        Poll(status, Start.AddMinutes(30).AddSeconds(secondsAfterFinish));

        await Cleanup().RunAsync([], Ct);

        Assert.Empty(_cloudWatch.Deleted);
        Assert.Null((await _store.FindAsync(3, Ct))!.AlarmsDeletedAt);
    }

    [Fact]
    public async Task RunAsync_CloudWatchFails_OutcomeKeptAndRetriedNextRound()
    {
        _store.Put(RolledBack());
        Poll(EndpointStatuses.InService, Start.AddMinutes(31));
        _cloudWatch.Fault = new AwsServiceException("CloudWatch", "Throttling", "Rate exceeded", 400, "r1");

        await Cleanup().RunAsync([], Ct);
        Assert.Null((await _store.FindAsync(3, Ct))!.AlarmsDeletedAt);
        _cloudWatch.Fault = null;
        await Cleanup().RunAsync([], Ct);

        Assert.Equal(2, _cloudWatch.Calls);
        Assert.Equal([[NewFleet5xx, Abort]], _cloudWatch.Deleted);
        Assert.Equal(DeploymentStatus.RolledBack, (await _store.FindAsync(3, Ct))!.Status);
        Assert.NotNull((await _store.FindAsync(3, Ct))!.AlarmsDeletedAt);
    }

    [Fact]
    public async Task RunAsync_AlreadyGone_CountsAsDeleted()
    {
        _store.Put(RolledBack());
        Poll(EndpointStatuses.InService, Start.AddMinutes(31));
        _cloudWatch.Fault = new AwsServiceException("CloudWatch", "ResourceNotFound", "not found", 404, "r1");

        await Cleanup().RunAsync([], Ct);

        Assert.NotNull((await _store.FindAsync(3, Ct))!.AlarmsDeletedAt);
    }

    [Fact]
    public async Task RunAsync_NextDeploymentOfTheEndpointChoseTheSameNewFleetAlarm_LeavesItToThatOne()
    {
        _store.Put(RolledBack());
        var next = Deploying(1, id: 4) with { Plan = RolledBack().Plan };
        _store.Put(next);
        Poll(EndpointStatuses.Updating, Start.AddMinutes(31), endpoint: "fraud-prod");

        await Cleanup().RunAsync([next], Ct);

        Assert.Equal([[Abort]], _cloudWatch.Deleted);
    }

    [Fact]
    public async Task RunAsync_EndpointGoneFromTheFleet_Deletes()
    {
        _store.Put(RolledBack());
        Poll(EndpointStatuses.InService, Start.AddMinutes(31), endpoint: "fraud-prod");

        await Cleanup().RunAsync([], Ct);

        Assert.Single(_cloudWatch.Deleted);
    }

    [Fact]
    public async Task RunAsync_BeforeTheFirstFleetPollOrWithoutAlarmsOfItsOwn_NothingAsked()
    {
        _store.Put(RolledBack());
        _store.Put(RolledBack(4) with { AbortAlarm = null });

        await Cleanup().RunAsync([], Ct);
        Poll(EndpointStatuses.InService, Start.AddMinutes(31));
        _store.Put(RolledBack() with { AlarmsDeletedAt = Start.AddMinutes(40) });
        await Cleanup().RunAsync([], Ct);

        Assert.Equal(0, _cloudWatch.Calls);
    }

    /// <summary>Records DeleteAlarms calls; the rest is not used by the cleanup.</summary>
    private sealed class DeletingClient : ICloudWatchAlarmsClient
    {
        public List<IReadOnlyList<string>> Deleted { get; } = [];
        public int Calls { get; private set; }
        public AwsServiceException? Fault { get; set; }

        public Task DeleteAlarmsAsync(DeleteAlarmsRequest request, CancellationToken cancellationToken = default)
        {
            Calls++;
            if (Fault is { } fault)
            {
                throw fault;
            }
            Deleted.Add(request.AlarmNames);
            return Task.CompletedTask;
        }

        public Task PutMetricAlarmAsync(PutMetricAlarmRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task PutCompositeAlarmAsync(PutCompositeAlarmRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<DescribeAlarmsResponse> DescribeAlarmsAsync(DescribeAlarmsRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<DescribeAlarmHistoryResponse> DescribeAlarmHistoryAsync(DescribeAlarmHistoryRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task SetAlarmStateAsync(SetAlarmStateRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
