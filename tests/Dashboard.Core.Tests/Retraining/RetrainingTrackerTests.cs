using Dashboard.Core.Audit;
using Dashboard.Core.Retraining;
using Dashboard.Core.SageMaker;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Dashboard.Tests.Shared;
using static Dashboard.Tests.Shared.RetrainingSamples;

namespace Dashboard.Core.Tests.Retraining;

public sealed class RetrainingTrackerTests
{
    private readonly RetrainingSamples _samples = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private RetrainingTracker Tracker() => new(_samples.Store, _samples.Service(), _samples.SageMaker, _samples.Signal,
        Options.Create(new RetrainingOptions()), _samples.Time, NullLogger<RetrainingTracker>.Instance);

    private async Task<RetrainingRun> ApprovedAsync()
    {
        var run = (await _samples.Service().ProposeAsync(Engineer, Request(new Dictionary<string, string> { ["MaxDepth"] = "8" }), Ct)).Run!;
        return await _samples.Service().ApproveAsync(Operator, run.Id, null, Ct);
    }

    private Task<RetrainingRun?> StoredAsync(long id) => _samples.Store.FindAsync(id, Ct);

    [Fact]
    public async Task RunOnce_Approved_StartsThePipelineOnceWithTheRunsTokenAndParameters()
    {
        var run = await ApprovedAsync();

        await Tracker().RunOnceAsync(Ct);
        await Tracker().RunOnceAsync(Ct);

        var start = Assert.Single(_samples.SageMaker.PipelineStarts);
        Assert.Equal(Pipeline, start.PipelineName);
        Assert.Equal($"dashboard-retraining-{run.Id}-{run.ProposedAt.ToUnixTimeSeconds()}", start.ClientRequestToken);
        Assert.InRange(start.ClientRequestToken.Length, 32, 128);
        Assert.Equal("8", start.PipelineParameters!.Single(p => p.Name == "MaxDepth").Value);
        var stored = await StoredAsync(run.Id);
        Assert.Equal(RetrainingStatus.Running, stored!.Status);
        Assert.NotNull(stored.ExecutionArn);
        Assert.Equal((AuditActions.RetrainingStart, run.Id, "system"), _samples.Store.Actions[^1]);
    }

    [Fact]
    public async Task RunOnce_StartAnswerLost_RetriesWithTheSameTokenAndStartsOneExecution()
    {
        var run = await ApprovedAsync();
        _samples.SageMaker.Failure = new AwsServiceException("SageMaker", "RequestTimeout", "no answer", 0, null);
        var tracker = Tracker();

        await tracker.RunOnceAsync(Ct);
        Assert.Equal(RetrainingStatus.Approved, (await StoredAsync(run.Id))!.Status);
        Assert.NotNull((await StoredAsync(run.Id))!.StartRequestedAt);
        _samples.SageMaker.Failure = null;
        await tracker.RunOnceAsync(Ct);

        Assert.Equal(2, _samples.SageMaker.PipelineStarts.Count);
        Assert.Single(_samples.SageMaker.PipelineStarts.Select(s => s.ClientRequestToken).Distinct());
        Assert.Single(_samples.SageMaker.PipelineExecutions);
        Assert.Equal(RetrainingStatus.Running, (await StoredAsync(run.Id))!.Status);
    }

    [Fact]
    public async Task RunOnce_RestartAfterStartWasAnswered_FindsTheExecutionByNameWithoutStartingAgain()
    {
        var run = await ApprovedAsync();
        // The start was stored as requested and SageMaker started it, but the process stopped before storing the answer.
        run = await _samples.Store.MoveAsync(run with { StartRequestedAt = _samples.Time.GetUtcNow() }, RetrainingStatus.Approved, null,
            Core.Security.Actor.System, Ct);
        var arn = (await _samples.SageMaker.StartPipelineExecutionAsync(new StartPipelineExecutionRequest(Pipeline, run.ClientRequestToken)
        {
            PipelineExecutionDisplayName = run.DisplayName,
        }, Ct)).PipelineExecutionArn;

        await Tracker().RunOnceAsync(Ct);

        Assert.Single(_samples.SageMaker.PipelineStarts);
        Assert.Equal(arn, (await StoredAsync(run.Id))!.ExecutionArn);
    }

    [Fact]
    public async Task RunOnce_SageMakerRefusesTheStart_RecordsFailedWithItsReason()
    {
        var run = await ApprovedAsync();
        _samples.SageMaker.Pipelines.Clear();

        await Tracker().RunOnceAsync(Ct);

        var stored = await StoredAsync(run.Id);
        Assert.Equal(RetrainingStatus.Failed, stored!.Status);
        Assert.StartsWith($"SageMaker refused to start {Pipeline} (ResourceNotFound)", stored.Outcome, StringComparison.Ordinal);
        Assert.Equal((AuditActions.RetrainingFinish, run.Id, "system"), _samples.Store.Actions[^1]);
    }

    [Fact]
    public async Task RunOnce_ExecutionSucceeds_RecordsStepsAndTheModelItCreated()
    {
        var run = await ApprovedAsync();
        var tracker = Tracker();
        await tracker.RunOnceAsync(Ct);
        var arn = (await StoredAsync(run.Id))!.ExecutionArn!;
        var at = _samples.Time.GetUtcNow();
        const string modelArn = "arn:aws:sagemaker:eu-west-1:123456789012:model/credit-risk-glm-v5-202612071210";
        _samples.SageMaker.PipelineSteps[arn].AddRange([
            new PipelineExecutionStep("Train", PipelineStepStatuses.Succeeded) { StartTime = at, EndTime = at.AddMinutes(2) },
            new PipelineExecutionStep("CreateModel", PipelineStepStatuses.Succeeded)
            {
                StartTime = at.AddMinutes(3), EndTime = at.AddMinutes(4), Metadata = new PipelineExecutionStepMetadata { Model = new StepResourceMetadata(modelArn) },
            }]);
        _samples.SageMaker.Models.Add(new ModelSummary("credit-risk-glm-v5-202612071210", modelArn, at.AddMinutes(4)));
        _samples.SageMaker.PipelineExecutions[arn] = _samples.SageMaker.PipelineExecutions[arn] with { PipelineExecutionStatus = PipelineExecutionStatuses.Succeeded };

        await tracker.RunOnceAsync(Ct);

        var stored = await StoredAsync(run.Id);
        Assert.Equal(RetrainingStatus.Succeeded, stored!.Status);
        Assert.Equal("credit-risk-glm-v5-202612071210", stored.ModelName);
        Assert.Equal(["Train", "CreateModel"], stored.Steps.Select(s => s.Name));
        Assert.Equal((AuditActions.RetrainingFinish, run.Id, "system"), _samples.Store.Actions[^1]);
        Assert.Equal(run.Id, (await _samples.Service().CandidatesAsync(Ct))["credit-risk-glm-v5-202612071210"].Id);
    }

    [Fact]
    public async Task RunOnce_StepFails_RecordsFailedWithTheStepsReasonFirst()
    {
        var run = await ApprovedAsync();
        var tracker = Tracker();
        await tracker.RunOnceAsync(Ct);
        var arn = (await StoredAsync(run.Id))!.ExecutionArn!;
        _samples.SageMaker.PipelineSteps[arn].Add(new PipelineExecutionStep("Train", PipelineStepStatuses.Failed) { FailureReason = "AlgorithmError: MemoryError" });
        _samples.SageMaker.PipelineExecutions[arn] = _samples.SageMaker.PipelineExecutions[arn] with
        {
            PipelineExecutionStatus = PipelineExecutionStatuses.Failed,
            FailureReason = "Step failure: One or multiple steps failed.",
        };

        await tracker.RunOnceAsync(Ct);

        var stored = await StoredAsync(run.Id);
        Assert.Equal(RetrainingStatus.Failed, stored!.Status);
        Assert.Equal("Train: AlgorithmError: MemoryError Step failure: One or multiple steps failed.", stored.Outcome);
        Assert.Null(stored.ModelName);
    }

    [Fact]
    public async Task RunOnce_StepStarted_StoresProgressWithoutAnAuditAction()
    {
        var run = await ApprovedAsync();
        var tracker = Tracker();
        await tracker.RunOnceAsync(Ct);
        var actions = _samples.Store.Actions.Count;
        var arn = (await StoredAsync(run.Id))!.ExecutionArn!;
        _samples.SageMaker.PipelineSteps[arn].Add(new PipelineExecutionStep("Preprocess", PipelineStepStatuses.Executing));

        await tracker.RunOnceAsync(Ct);

        Assert.Equal("Preprocess", Assert.Single((await StoredAsync(run.Id))!.Steps).Name);
        Assert.Equal(actions, _samples.Store.Actions.Count);
    }
}
