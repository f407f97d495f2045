using Dashboard.Core.Audit;
using Dashboard.Core.Retraining;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Dashboard.Simulator.Faults;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Integration.Tests.Retraining;

/// <summary>
/// Retraining over real HTTP to the simulator's SageMaker Pipelines: an engineer proposes from the endpoint's tag-named
/// pipeline, another operator approves, the tracker starts and follows the run on the shared fake clock.
/// </summary>
public sealed class RetrainingTests
{
    private const string Endpoint = "credit-risk";
    private const string StartPipelineExecution = FaultSwitch.SageMaker + "StartPipelineExecution";
    private static readonly TimeSpan Round = TimeSpan.FromSeconds(10);
    private static readonly Actor Erin = new("erin", new HashSet<Role> { Role.Engineer }, "10.0.0.7");
    private static readonly Actor Oscar = new("oscar", new HashSet<Role> { Role.Operator }, "10.0.0.8");

    private static RetrainingService Service(DashboardHost host) => host.Services.GetRequiredService<RetrainingService>();

    private static RetrainingTracker Tracker(DashboardHost host) => ActivatorUtilities.CreateInstance<RetrainingTracker>(host.Services);

    private static async Task<DashboardHost> StartAsync(CancellationToken ct)
    {
        var host = await DashboardHost.StartAsync(ct, rateLimits: false);
        await host.FleetCollector.RunOnceAsync(ct);
        return host;
    }

    private static async Task<RetrainingRun> ProposeAndApproveAsync(DashboardHost host, CancellationToken ct)
    {
        var (pipeline, missing) = await Service(host).PipelineAsync(Endpoint, ct);
        Assert.Null(missing);
        Assert.Equal("credit-risk-retrain", pipeline!.Name);
        var proposal = await Service(host).ProposeAsync(Erin, new RetrainingRequest(Endpoint, pipeline.Name,
            new Dictionary<string, string> { ["MaxDepth"] = "8" }, FindingKind.Drift, "channel: drift over its threshold", "Retrain on recent data"), ct);
        Assert.Empty(proposal.Errors);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service(host).ApproveAsync(Erin, proposal.Run!.Id, null, ct));
        return await Service(host).ApproveAsync(Oscar, proposal.Run!.Id, "go", ct);
    }

    /// <summary>Rounds of the tracker, the clock moving a round before each, until the run is over.</summary>
    private static async Task<RetrainingRun> RunToEndAsync(DashboardHost host, RetrainingTracker tracker, long id, CancellationToken ct)
    {
        for (var round = 0; round < 100; round++)
        {
            await tracker.RunOnceAsync(ct);
            Assert.Equal(0, tracker.ConsecutiveFailures);
            var run = (await Service(host).FindAsync(id, ct))!;
            if (!run.IsOpen)
            {
                return run;
            }
            host.Time.Advance(Round);
        }
        Assert.Fail($"Retraining #{id} did not finish in 100 rounds.");
        return null!;
    }

    [Fact]
    public async Task ApprovedRun_StartsFollowsStepsAndRecordsTheModelItRegistered()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await StartAsync(ct);
        var approved = await ProposeAndApproveAsync(host, ct);
        Assert.Equal(0, host.Faults.Attempts(StartPipelineExecution));

        var done = await RunToEndAsync(host, Tracker(host), approved.Id, ct);

        Assert.Equal(RetrainingStatus.Succeeded, done.Status);
        Assert.Equal(["Preprocess", "Train", "Evaluate", "CheckQuality", "CreateModel", "RegisterModel"], done.Steps.Select(s => s.Name));
        Assert.All(done.Steps, s => Assert.Equal(PipelineStepStatuses.Succeeded, s.Status));
        Assert.StartsWith("credit-risk-glm-v5-", done.ModelName, StringComparison.Ordinal);
        var models = await host.Services.GetRequiredService<ISageMakerClient>().ListModelsAsync(new ListModelsRequest("CreationTime", "Descending"), ct);
        Assert.Contains(models.Models, m => m.ModelName == done.ModelName);
        Assert.Equal(1, host.Faults.Attempts(StartPipelineExecution));
        Assert.Equal(done.Id, (await Service(host).CandidatesAsync(ct))[done.ModelName!].Id);
        var audit = await host.Services.GetRequiredService<IAuditQueries>()
            .SearchAsync(new AuditFilter(ActionPrefix: "retraining.", Endpoint: Endpoint), 20, cancellationToken: ct);
        Assert.Equal(
            [(AuditActions.RetrainingPropose, "erin"), (AuditActions.RetrainingApprove, "oscar"), (AuditActions.RetrainingStart, "system"), (AuditActions.RetrainingFinish, "system")],
            audit.Reverse().Select(r => (r.Action, r.Actor)));
    }

    [Fact]
    public async Task FailNextPipelineExecution_RunFailsAtTrainWithTheStepsReason()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await StartAsync(ct);
        host.SimulatorFaults.Set(new FaultOptions { FailNextPipelineExecution = true });
        var approved = await ProposeAndApproveAsync(host, ct);

        var done = await RunToEndAsync(host, Tracker(host), approved.Id, ct);

        Assert.Equal(RetrainingStatus.Failed, done.Status);
        Assert.StartsWith("Train: AlgorithmError", done.Outcome, StringComparison.Ordinal);
        Assert.Equal(PipelineStepStatuses.Failed, done.Steps[^1].Status);
        Assert.Null(done.ModelName);
    }

    [Fact]
    public async Task StartAnswerGarbledThenRestart_FindsTheRunItStartedAndNeverStartsASecond()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await StartAsync(ct);
        var approved = await ProposeAndApproveAsync(host, ct);
        host.Faults.Set(StartPipelineExecution, Fault.TruncatedBody);
        var tracker = Tracker(host);

        await tracker.RunOnceAsync(ct);
        Assert.Equal(1, tracker.ConsecutiveFailures);
        Assert.Equal(RetrainingStatus.Approved, (await Service(host).FindAsync(approved.Id, ct))!.Status);
        host.Faults.Set(StartPipelineExecution, Fault.None);
        await host.RestartAsync(ct);
        await host.FleetCollector.RunOnceAsync(ct);
        var done = await RunToEndAsync(host, Tracker(host), approved.Id, ct);

        Assert.Equal(RetrainingStatus.Succeeded, done.Status);
        Assert.Equal(1, host.Faults.Attempts(StartPipelineExecution));
        var executions = await host.Services.GetRequiredService<ISageMakerClient>()
            .ListPipelineExecutionsAsync(new ListPipelineExecutionsRequest("credit-risk-retrain") { MaxResults = 100 }, ct);
        Assert.Single(executions.PipelineExecutionSummaries, e => e.PipelineExecutionDisplayName == approved.DisplayName);
    }
}
