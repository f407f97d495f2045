using Dashboard.Aws.Tests.Infrastructure;
using Dashboard.Aws.Wire;
using Dashboard.Core;
using Dashboard.Core.SageMaker;

namespace Dashboard.Aws.Tests;

/// <summary>The Pipelines operations: the start request and its token, step metadata, and replies with members left out.</summary>
public sealed class SageMakerPipelineClientTests : IAsyncLifetime
{
    private const string Json11 = "application/x-amz-json-1.1";
    private const string ExecutionArn = "arn:aws:sagemaker:eu-west-1:123456789012:pipeline/credit-risk-retrain/execution/4b7k2ufmy6x9";

    private ScriptedAwsServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await ScriptedAwsServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartPipelineExecution_TokenAndParameters_SentAsGivenAndTheArnParsed()
    {
        _server.Enqueue(ScriptedReply.Ok($$"""{"PipelineExecutionArn":"{{ExecutionArn}}"}""", Json11));
        using var host = new AwsTestHost(_server);

        var reply = await host.SageMaker.StartPipelineExecutionAsync(new StartPipelineExecutionRequest("credit-risk-retrain",
            "5b0f3c1e-7a2d-4c9b-8e6f-1d2a3b4c5d6e")
        {
            PipelineExecutionDisplayName = "drift-retrain",
            PipelineParameters = [new PipelineParameter("MaxDepth", "8")],
        }, Ct);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("SageMaker.StartPipelineExecution", request.Header("X-Amz-Target"));
        Assert.Equal("""{"PipelineName":"credit-risk-retrain","ClientRequestToken":"5b0f3c1e-7a2d-4c9b-8e6f-1d2a3b4c5d6e","PipelineExecutionDisplayName":"drift-retrain","PipelineParameters":[{"Name":"MaxDepth","Value":"8"}]}""",
            request.Body);
        Assert.Equal(ExecutionArn, reply.PipelineExecutionArn);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0123456789abcdef0123456789abcde")]
    public async Task StartPipelineExecution_TokenShorterThan32_RefusedAndNothingSent(string token)
    {
        using var host = new AwsTestHost(_server);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            host.SageMaker.StartPipelineExecutionAsync(new StartPipelineExecutionRequest("credit-risk-retrain", token), Ct));

        Assert.StartsWith("ClientRequestToken must be 32–128 characters long; nothing was sent to SageMaker.", error.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task StartPipelineExecution_ReplyWithoutArn_IsMalformedResponse()
    {
        _server.Enqueue(ScriptedReply.Ok("{}", Json11));
        using var host = new AwsTestHost(_server);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => host.SageMaker.StartPipelineExecutionAsync(
            new StartPipelineExecutionRequest("credit-risk-retrain", "5b0f3c1e-7a2d-4c9b-8e6f-1d2a3b4c5d6e"), Ct));

        Assert.Equal(AwsErrorCodes.MalformedResponse, error.ErrorCode);
        Assert.Contains("PipelineExecutionArn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribePipeline_Definition_ItsParametersReadByTheCoreParser()
    {
        _server.Enqueue(ScriptedReply.Ok("""
            {"PipelineArn":"arn:aws:sagemaker:eu-west-1:123456789012:pipeline/credit-risk-retrain","PipelineName":"credit-risk-retrain",
             "PipelineDefinition":"{\"Version\":\"2020-12-01\",\"Parameters\":[{\"Name\":\"MaxDepth\",\"Type\":\"Integer\",\"DefaultValue\":6},{\"Name\":\"MinF1\",\"Type\":\"Float\",\"DefaultValue\":0.7},{\"Name\":\"Retrain\",\"Type\":\"Boolean\",\"DefaultValue\":true},{\"Name\":\"InputDataUrl\"}],\"Steps\":[]}",
             "PipelineStatus":"Active","CreationTime":1767225600,"CreatedBy":{"UserProfileName":"alice"}}
            """, Json11));
        using var host = new AwsTestHost(_server);

        var reply = await host.SageMaker.DescribePipelineAsync(new DescribePipelineRequest("credit-risk-retrain"), Ct);
        var parameters = PipelineDefinitionParameters.Parse(reply.PipelineDefinition!);

        Assert.Equal("""{"PipelineName":"credit-risk-retrain"}""", Assert.Single(_server.Requests).Body);
        Assert.Equal("alice", reply.Other!["CreatedBy"].GetProperty("UserProfileName").GetString());
        Assert.Equal(
        [
            new PipelineParameterDefinition("MaxDepth", "Integer", "6"),
            new PipelineParameterDefinition("MinF1", "Float", "0.7"),
            new PipelineParameterDefinition("Retrain", "Boolean", "true"),
            new PipelineParameterDefinition("InputDataUrl", "String", null),
        ], parameters);
    }

    [Fact]
    public async Task ListPipelineExecutionSteps_ModelAndRegisterSteps_ReadsTheirArnsAndOmittedListsAreEmpty()
    {
        _server.Enqueue(ScriptedReply.Ok("""
            {"PipelineExecutionSteps":[
              {"StepName":"RegisterModel","StepStatus":"Succeeded","StartTime":1767225900,"EndTime":1767225910,
               "Metadata":{"RegisterModel":{"Arn":"arn:aws:sagemaker:eu-west-1:123456789012:model-package/credit-risk-models/6"}},"AttemptCount":1},
              {"StepName":"CreateModel","StepStatus":"Succeeded","StartTime":1767225880.5,"EndTime":1767225894,
               "Metadata":{"Model":{"Arn":"arn:aws:sagemaker:eu-west-1:123456789012:model/credit-risk-glm-v5-202601010005"}}},
              {"StepName":"Train","StepStatus":"Failed","FailureReason":"AlgorithmError: boom","Metadata":{"TrainingJob":{"Arn":"arn:t"}},
               "CacheHitResult":{"SourcePipelineExecutionArn":"arn:x"}}]}
            """, Json11));
        _server.Enqueue(ScriptedReply.Ok("{}", Json11));
        using var host = new AwsTestHost(_server);

        var reply = await host.SageMaker.ListPipelineExecutionStepsAsync(new ListPipelineExecutionStepsRequest(ExecutionArn) { SortOrder = "Ascending" }, Ct);
        var empty = await host.SageMaker.ListPipelineExecutionStepsAsync(new ListPipelineExecutionStepsRequest(ExecutionArn), Ct);

        Assert.Equal($$"""{"PipelineExecutionArn":"{{ExecutionArn}}","SortOrder":"Ascending"}""", _server.Requests[0].Body);
        Assert.Equal("arn:aws:sagemaker:eu-west-1:123456789012:model-package/credit-risk-models/6", reply.PipelineExecutionSteps[0].Metadata!.RegisterModel!.Arn);
        Assert.Equal("arn:aws:sagemaker:eu-west-1:123456789012:model/credit-risk-glm-v5-202601010005", reply.PipelineExecutionSteps[1].Metadata!.Model!.Arn);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1767225880500), reply.PipelineExecutionSteps[1].StartTime);
        Assert.Equal(PipelineStepStatuses.Failed, reply.PipelineExecutionSteps[2].StepStatus);
        Assert.Equal("AlgorithmError: boom", reply.PipelineExecutionSteps[2].FailureReason);
        Assert.NotNull(empty.PipelineExecutionSteps);
        Assert.Empty(empty.PipelineExecutionSteps);
    }

    [Fact]
    public async Task ListPipelineExecutions_SummaryWithoutStatus_IsMalformedResponse()
    {
        _server.Enqueue(ScriptedReply.Ok($$"""{"PipelineExecutionSummaries":[{"PipelineExecutionArn":"{{ExecutionArn}}"}]}""", Json11));
        using var host = new AwsTestHost(_server);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            host.SageMaker.ListPipelineExecutionsAsync(new ListPipelineExecutionsRequest("credit-risk-retrain"), Ct));

        Assert.Equal(AwsErrorCodes.MalformedResponse, error.ErrorCode);
        Assert.Contains("PipelineExecutionSummaries[].PipelineExecutionStatus", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribePipelineExecution_Failed_ReadsStatusAndFailureReason()
    {
        _server.Enqueue(ScriptedReply.Ok($$"""
            {"PipelineExecutionArn":"{{ExecutionArn}}","PipelineExecutionStatus":"Failed","FailureReason":"Step failure: One or multiple steps failed.",
             "CreationTime":1767225600,"LastModifiedTime":1767225900.5,"PipelineExperimentConfig":{"ExperimentName":"credit-risk-retrain","TrialName":"4b7k2ufmy6x9"} }
            """, Json11));
        using var host = new AwsTestHost(_server);

        var reply = await host.SageMaker.DescribePipelineExecutionAsync(new DescribePipelineExecutionRequest(ExecutionArn), Ct);

        Assert.Equal(PipelineExecutionStatuses.Failed, reply.PipelineExecutionStatus);
        Assert.Equal("Step failure: One or multiple steps failed.", reply.FailureReason);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1767225900500), reply.LastModifiedTime);
        Assert.Equal("4b7k2ufmy6x9", reply.PipelineExperimentConfig!.TrialName);
    }
}
