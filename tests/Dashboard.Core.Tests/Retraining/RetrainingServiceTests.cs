using Dashboard.Core.Audit;
using Dashboard.Core.Retraining;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Dashboard.Tests.Shared;
using static Dashboard.Tests.Shared.RetrainingSamples;

namespace Dashboard.Core.Tests.Retraining;

public sealed class RetrainingServiceTests
{
    private readonly RetrainingSamples _samples = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<RetrainingRun> ProposedAsync(Actor? by = null)
    {
        var result = await _samples.Service().ProposeAsync(by ?? Engineer, Request(), Ct);
        return Assert.IsType<RetrainingRun>(result.Run);
    }

    [Fact]
    public async Task ProposeAsync_ValidRequest_StoresEveryParameterWithDefaultsAndOverrides()
    {
        var result = await _samples.Service().ProposeAsync(Engineer, Request(new Dictionary<string, string> { ["MaxDepth"] = "8" }), Ct);

        var run = Assert.IsType<RetrainingRun>(result.Run);
        Assert.Equal(RetrainingStatus.Proposed, run.Status);
        Assert.Equal("erin", run.ProposedBy);
        Assert.Equal(
            ["InputDataUrl=s3://bucket/datacapture/credit-risk/", "TrainingInstanceType=ml.m5.xlarge", "MaxDepth=8", "MinF1=0.72", "ApprovalStatus=PendingManualApproval"],
            run.Parameters.Select(p => $"{p.Name}={p.Value}"));
        Assert.Equal([(AuditActions.RetrainingPropose, run.Id, "erin")], _samples.Store.Actions);
    }

    [Fact]
    public async Task ProposeAsync_Viewer_ThrowsAccessDenied()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => _samples.Service().ProposeAsync(Viewer, Request(), Ct));

        Assert.Empty(_samples.Store.Actions);
    }

    [Theory]
    [InlineData("MaxDepth", "six", "MaxDepth is a whole number, such as 6.")]
    [InlineData("MinF1", "NaN", "MinF1 is a number, such as 0.72.")]
    [InlineData("ApprovalStatus", "Maybe", "ApprovalStatus is one of PendingManualApproval, Approved, Rejected.")]
    [InlineData("TrainingInstanceType", " ", "Give a value for TrainingInstanceType.")]
    [InlineData("Unknown", "1", "The pipeline has no parameter named Unknown.")]
    public async Task ProposeAsync_BadValue_ReturnsErrorAtItsFieldAndStoresNothing(string name, string value, string message)
    {
        var result = await _samples.Service().ProposeAsync(Engineer, Request(new Dictionary<string, string> { [name] = value }), Ct);

        Assert.Null(result.Run);
        Assert.Contains(result.Errors, e => e.Field == ParameterRules.Field(name) && e.Message == message);
        Assert.Empty(_samples.Store.Actions);
    }

    [Fact]
    public async Task ProposeAsync_ReasonTooLong_ReturnsReasonError()
    {
        var result = await _samples.Service().ProposeAsync(Engineer, Request(reason: new string('x', RetrainingService.MaxReasonLength + 1)), Ct);

        Assert.Null(result.Run);
        Assert.Equal(RetrainingService.ReasonField, Assert.Single(result.Errors).Field);
    }

    [Fact]
    public async Task ProposeAsync_EndpointHasOpenRun_RefusesAtTheEndpoint()
    {
        var first = await ProposedAsync();

        var second = await _samples.Service().ProposeAsync(Operator, Request(), Ct);

        Assert.Null(second.Run);
        Assert.Contains($"Retraining #{first.Id}", Assert.Single(second.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApproveAsync_OtherOperator_StoresApprovalWithoutStartingThePipeline()
    {
        var run = await ProposedAsync();

        var approved = await _samples.Service().ApproveAsync(Operator, run.Id, "go", Ct);

        Assert.Equal(RetrainingStatus.Approved, approved.Status);
        Assert.Equal("otto", approved.DecidedBy);
        Assert.Empty(_samples.SageMaker.PipelineStarts);
        Assert.Equal((AuditActions.RetrainingApprove, run.Id, "otto"), _samples.Store.Actions[^1]);
    }

    [Fact]
    public async Task ApproveAsync_Proposer_ThrowsAccessDeniedAndLeavesItProposed()
    {
        var run = await ProposedAsync(Operator);

        await Assert.ThrowsAsync<AccessDeniedException>(() => _samples.Service().ApproveAsync(Operator, run.Id, null, Ct));

        Assert.Equal(RetrainingStatus.Proposed, (await _samples.Store.FindAsync(run.Id, Ct))!.Status);
    }

    [Fact]
    public async Task ApproveAsync_Engineer_ThrowsAccessDenied()
    {
        var run = await ProposedAsync(Operator);

        await Assert.ThrowsAsync<AccessDeniedException>(() => _samples.Service().ApproveAsync(Engineer, run.Id, null, Ct));
    }

    [Fact]
    public async Task ApproveAsync_DecidedAlready_ThrowsConflict()
    {
        var run = await ProposedAsync();
        await _samples.Service().RejectAsync(Operator, run.Id, "not now", Ct);

        var conflict = await Assert.ThrowsAsync<RetrainingConflictException>(() => _samples.Service().ApproveAsync(OtherOperator, run.Id, null, Ct));

        Assert.Equal($"Retraining #{run.Id} is already rejected (otto).", conflict.Message);
    }

    [Fact]
    public async Task RejectAsync_Proposer_ThrowsAccessDenied()
    {
        var run = await ProposedAsync(Operator);

        await Assert.ThrowsAsync<AccessDeniedException>(() => _samples.Service().RejectAsync(Operator, run.Id, null, Ct));
    }

    [Fact]
    public async Task WithdrawAsync_SomeoneElse_ThrowsAccessDenied()
    {
        var run = await ProposedAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => _samples.Service().WithdrawAsync(Operator, run.Id, null, Ct));
    }

    [Fact]
    public async Task WithdrawAsync_Proposer_StoresWithdrawnAndFreesTheEndpoint()
    {
        var run = await ProposedAsync();

        var withdrawn = await _samples.Service().WithdrawAsync(Engineer, run.Id, "wrong data", Ct);

        Assert.Equal(RetrainingStatus.Withdrawn, withdrawn.Status);
        Assert.Equal((AuditActions.RetrainingWithdraw, run.Id, "erin"), _samples.Store.Actions[^1]);
        Assert.NotNull((await _samples.Service().ProposeAsync(Engineer, Request(), Ct)).Run);
    }

    [Fact]
    public async Task ProposeAutomaticallyAsync_DriftRule_ProposesAsSystemWithDefaultsAndWaitsForAnyOperator()
    {
        var result = await _samples.Service().ProposeAutomaticallyAsync(Endpoint, "income: drift 0.430 at or over its threshold 0.200 for 6 h", Ct);

        var run = Assert.IsType<RetrainingRun>(result.Run);
        Assert.True(run.IsAutomatic);
        Assert.Equal("6", run.Parameters.Single(p => p.Name == "MaxDepth").Value);
        var pending = Assert.Single(await new RetrainingApprovals(_samples.Store).ListPendingAsync(Ct));
        Assert.True(pending.CanBeDecidedBy(Operator));
        Assert.False(pending.CanBeDecidedBy(Engineer));
    }

    [Fact]
    public async Task PipelineAsync_NoEndpointTag_FindsTheOnePipelineTaggedWithTheEndpoint()
    {
        var samples = new RetrainingSamples(endpointTag: false);

        var (pipeline, missing) = await samples.Service().PipelineAsync(Endpoint, Ct);

        Assert.Null(missing);
        Assert.Equal(Pipeline, pipeline!.Name);
        Assert.Equal("the pipeline's tag endpoint=credit-risk", pipeline.FoundBy);
        Assert.Equal(["InputDataUrl", "TrainingInstanceType", "MaxDepth", "MinF1", "ApprovalStatus"], pipeline.Parameters.Select(p => p.Name));
    }

    [Fact]
    public async Task PipelineAsync_TwoPipelinesTaggedAndNoEndpointTag_ChoosesNoneAndSaysWhich()
    {
        var samples = new RetrainingSamples(endpointTag: false);
        const string other = "arn:aws:sagemaker:eu-west-1:123456789012:pipeline/credit-risk-experiment";
        samples.SageMaker.Pipelines.Add(new DescribePipelineResponse(other, "credit-risk-experiment"));
        samples.SageMaker.Tags[other] = [new ResourceTag("endpoint", Endpoint)];

        var (pipeline, missing) = await samples.Service().PipelineAsync(Endpoint, Ct);

        Assert.Null(pipeline);
        Assert.Contains("2 pipelines are tagged endpoint=credit-risk", missing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PipelineAsync_EndpointTagNamesAnotherPipeline_TheEndpointTagWins()
    {
        const string other = "arn:aws:sagemaker:eu-west-1:123456789012:pipeline/credit-risk-v2";
        _samples.SageMaker.Pipelines.Add(new DescribePipelineResponse(other, "credit-risk-v2") { PipelineDefinition = Definition });
        _samples.SageMaker.Tags[EndpointArn] = [new ResourceTag(Dashboard.Core.Drift.DriftSources.PipelineTag, "credit-risk-v2")];

        var (pipeline, _) = await _samples.Service().PipelineAsync(Endpoint, Ct);

        Assert.Equal("credit-risk-v2", pipeline!.Name);
    }
}
