using System.Net;
using System.Text.Json;
using Dashboard.Core.SageMaker;
using Dashboard.Simulator.Faults;
using Dashboard.Simulator.SageMaker.Pipelines;
using Dashboard.Simulator.Scenario;
using Dashboard.Simulator.Tests.Wire;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Simulator.Tests.Pipelines;

/// <summary>
/// The retraining pipelines: their definitions and history, a started run's steps in order over simulated minutes,
/// ClientRequestToken idempotency, the model a successful run creates, and the ways a run is refused or fails.
/// </summary>
public sealed class PipelineWireTests : IAsyncLifetime
{
    private const string Token = "5b0f3c1e-7a2d-4c9b-8e6f-1d2a3b4c5d6e";
    private const string PipelineArn = "arn:aws:sagemaker:us-east-1:123456789012:pipeline/credit-risk-retrain";

    private SimulatorHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await SimulatorHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private Task<JsonElement> CallAsync(string operation, object body) => _host.SageMakerAsync(operation, body);

    private Task<HttpResponseMessage> PostAsync(string operation, object body) =>
        _host.PostAsync(SimulatorHost.SageMakerPrefix + operation, JsonSerializer.Serialize(body));

    private static string Text(JsonElement element, string member) => element.GetProperty(member).GetString()!;

    private static DateTimeOffset Time(JsonElement element, string member) =>
        DateTimeOffset.UnixEpoch.AddMilliseconds(Math.Round(element.GetProperty(member).GetDouble() * 1000));

    private async Task<string> StartAsync(object? parameters = null, string token = Token) =>
        Text(await CallAsync("StartPipelineExecution", new
        {
            PipelineName = "credit-risk-retrain",
            ClientRequestToken = token,
            PipelineExecutionDisplayName = "drift-retrain",
            PipelineParameters = parameters ?? Array.Empty<object>(),
        }), "PipelineExecutionArn");

    private async Task<List<JsonElement>> StepsAsync(string arn) =>
        (await CallAsync("ListPipelineExecutionSteps", new { PipelineExecutionArn = arn, SortOrder = "Ascending" }))
        .GetProperty("PipelineExecutionSteps").EnumerateArray().ToList();

    private async Task<string> StatusAsync(string arn) =>
        Text(await CallAsync("DescribePipelineExecution", new { PipelineExecutionArn = arn }), "PipelineExecutionStatus");

    private void Advance(double seconds) => _host.Time.Advance(TimeSpan.FromSeconds(seconds));

    [Fact]
    public async Task ListPipelines_Default_TheTwoRetrainingPipelinesTaggedWithTheirEndpoint()
    {
        var page = await CallAsync("ListPipelines", new { SortBy = "Name", SortOrder = "Ascending" });
        var tags = await CallAsync("ListTags", new { ResourceArn = PipelineArn });

        Assert.Equal(["churn-retrain", "credit-risk-retrain"],
            page.GetProperty("PipelineSummaries").EnumerateArray().Select(p => Text(p, "PipelineName")));
        Assert.Contains(tags.GetProperty("Tags").EnumerateArray(), t => Text(t, "Key") == "endpoint" && Text(t, "Value") == "credit-risk");
    }

    [Fact]
    public async Task DescribePipeline_ByNameOrArn_DefinitionListsTheFormsParameters()
    {
        var byName = await CallAsync("DescribePipeline", new { PipelineName = "credit-risk-retrain" });
        var byArn = await CallAsync("DescribePipeline", new { PipelineName = PipelineArn });

        Assert.Equal(PipelineArn, Text(byName, "PipelineArn"));
        Assert.Equal(Text(byName, "PipelineDefinition"), Text(byArn, "PipelineDefinition"));
        var parameters = PipelineDefinitionParameters.Parse(Text(byName, "PipelineDefinition"));
        Assert.Equal(
        [
            ("InputDataUrl", "String", "s3://sagemaker-us-east-1-123456789012/datacapture/credit-risk/credit-risk/"),
            ("TrainingInstanceType", "String", "ml.m5.xlarge"),
            ("MaxDepth", "Integer", "6"),
            ("MinF1", "Float", "0.72"),
            ("ApprovalStatus", "String", "PendingManualApproval"),
        ], parameters.Select(p => (p.Name, p.Type, p.DefaultValue)));
        Assert.Equal(["PendingManualApproval", "Approved", "Rejected"], parameters[^1].EnumValues);
        using var definition = JsonDocument.Parse(Text(byName, "PipelineDefinition"));
        Assert.Equal(["Preprocess", "Train", "Evaluate", "CheckQuality"],
            definition.RootElement.GetProperty("Steps").EnumerateArray().Select(s => Text(s, "Name")));
    }

    [Fact]
    public async Task History_NewestFirst_FailedAfterTheDriftThenTheSuccessThatCreatedTheCandidate()
    {
        var page = await CallAsync("ListPipelineExecutions", new { PipelineName = "credit-risk-retrain" });
        var executions = page.GetProperty("PipelineExecutionSummaries").EnumerateArray().ToList();
        var failedSteps = await StepsAsync(Text(executions[0], "PipelineExecutionArn"));
        var succeededSteps = await StepsAsync(Text(executions[1], "PipelineExecutionArn"));
        var candidate = await CallAsync("DescribeModel", new { ModelName = "credit-risk-glm-v5" });

        Assert.Equal(["Failed", "Succeeded"], executions.Select(e => Text(e, "PipelineExecutionStatus")));
        Assert.Equal(PipelineRun.StepFailure, Text(executions[0], "PipelineExecutionFailureReason"));
        Assert.Equal([("Preprocess", "Succeeded"), ("Train", "Failed")], failedSteps.Select(s => (Text(s, "StepName"), Text(s, "StepStatus"))));
        Assert.Contains("credit_utilization has missing values", Text(failedSteps[1], "FailureReason"));
        var createModel = succeededSteps.Single(s => Text(s, "StepName") == "CreateModel");
        Assert.Equal(Text(candidate, "ModelArn"), Text(createModel.GetProperty("Metadata").GetProperty("Model"), "Arn"));
        Assert.Equal(Time(candidate, "CreationTime"), Time(createModel, "EndTime"));
    }

    [Fact]
    public async Task StartPipelineExecution_AtSpeedOne_StepsInOrderOverFiveMinutesThenSucceeded()
    {
        var start = _host.Time.GetUtcNow();
        var arn = await StartAsync();

        Assert.StartsWith(PipelineArn + "/execution/", arn);
        Assert.Equal("Executing", await StatusAsync(arn));
        Advance(1);
        Assert.Empty(await StepsAsync(arn));
        Advance(1);
        Assert.Equal([("Preprocess", "Executing")], (await StepsAsync(arn)).Select(s => (Text(s, "StepName"), Text(s, "StepStatus"))));
        Advance(150);
        var midway = await StepsAsync(arn);
        Assert.Equal([("Preprocess", "Succeeded"), ("Train", "Executing")], midway.Select(s => (Text(s, "StepName"), Text(s, "StepStatus"))));
        Assert.False(midway[1].TryGetProperty("EndTime", out _));
        Advance(147);
        Assert.Equal("Executing", await StatusAsync(arn));
        Advance(2);
        var steps = await StepsAsync(arn);
        var described = await CallAsync("DescribePipelineExecution", new { PipelineExecutionArn = arn });

        Assert.Equal("Succeeded", Text(described, "PipelineExecutionStatus"));
        Assert.Equal(start.AddSeconds(301), Time(described, "LastModifiedTime"));
        Assert.Equal("drift-retrain", Text(described, "PipelineExecutionDisplayName"));
        Assert.Equal(["Preprocess", "Train", "Evaluate", "CheckQuality", "CreateModel", "RegisterModel"], steps.Select(s => Text(s, "StepName")));
        Assert.All(steps, s => Assert.Equal("Succeeded", Text(s, "StepStatus")));
        Assert.Equal([70.0, 140, 50, 4, 14, 10], steps.Select(s => (Time(s, "EndTime") - Time(s, "StartTime")).TotalSeconds));
        Assert.Equal("True", Text(steps[3].GetProperty("Metadata").GetProperty("Condition"), "Outcome"));
        Assert.StartsWith("arn:aws:sagemaker:us-east-1:123456789012:training-job/pipelines-", Text(steps[1].GetProperty("Metadata").GetProperty("TrainingJob"), "Arn"));
        Assert.Equal("arn:aws:sagemaker:us-east-1:123456789012:model-package/credit-risk-models/2",
            Text(steps[5].GetProperty("Metadata").GetProperty("RegisterModel"), "Arn"));
    }

    [Fact]
    public async Task StartPipelineExecution_FastSpeed_SucceedsWithinSixSeconds()
    {
        await using var fast = await SimulatorHost.StartAsync(o => o.PipelineSpeed = 60);
        var arn = Text(await fast.SageMakerAsync("StartPipelineExecution", new { PipelineName = "churn-retrain", ClientRequestToken = Token }),
            "PipelineExecutionArn");

        fast.Time.Advance(TimeSpan.FromSeconds(5));
        var before = Text(await fast.SageMakerAsync("DescribePipelineExecution", new { PipelineExecutionArn = arn }), "PipelineExecutionStatus");
        fast.Time.Advance(TimeSpan.FromSeconds(1));
        var after = Text(await fast.SageMakerAsync("DescribePipelineExecution", new { PipelineExecutionArn = arn }), "PipelineExecutionStatus");

        Assert.Equal(("Executing", "Succeeded"), (before, after));
    }

    [Fact]
    public async Task Success_NewModel_ExistsFromItsCreateModelStepAndIsAcceptedByCreateEndpointConfig()
    {
        var arn = await StartAsync();
        Advance(280);
        var beforeNames = (await CallAsync("ListModels", new { NameContains = "credit-risk-glm-v5-", MaxResults = 100 }))
            .GetProperty("Models").GetArrayLength();
        Advance(30);
        var createModel = (await StepsAsync(arn)).Single(s => Text(s, "StepName") == "CreateModel");
        var modelArn = Text(createModel.GetProperty("Metadata").GetProperty("Model"), "Arn");
        var name = modelArn.Split('/')[^1];
        var listed = (await CallAsync("ListModels", new { MaxResults = 1 })).GetProperty("Models")[0];
        var model = await CallAsync("DescribeModel", new { ModelName = name });
        var config = await CallAsync("CreateEndpointConfig", new
        {
            EndpointConfigName = "credit-risk-retrained",
            ProductionVariants = new[] { new { VariantName = "AllTraffic", ModelName = name, InitialInstanceCount = 1, InstanceType = "ml.m5.large" } },
        });

        Assert.Equal(0, beforeNames);
        Assert.Equal($"credit-risk-glm-v5-{Time(createModel, "EndTime").UtcDateTime:yyyyMMddHHmm}", name);
        Assert.Equal(name, Text(listed, "ModelName"));
        Assert.Equal(Time(createModel, "EndTime"), Time(model, "CreationTime"));
        Assert.Equal("arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/credit-risk-retrained", Text(config, "EndpointConfigArn"));
        // Deployed, it serves like the good candidate it was retrained from.
        var scenario = _host.App.Services.GetRequiredService<FleetScenario>();
        Assert.Equal(scenario.FindModel("credit-risk-glm-v5")!.Behaviour, scenario.FindModel(name)!.Behaviour);
        Assert.Equal("credit-risk", scenario.FindModel(name)!.CandidateFor);
    }

    [Fact]
    public async Task StartPipelineExecution_SameTokenTwice_OneExecutionAndTheSameArn()
    {
        var first = await StartAsync(new[] { new { Name = "MaxDepth", Value = "8" } });
        Advance(30);
        var second = await StartAsync(new[] { new { Name = "MaxDepth", Value = "8" } });
        var other = await StartAsync(token: "6c1a4d2f-8b3e-4dad-9f70-2e3b4c5d6e7f");
        var page = await CallAsync("ListPipelineExecutions", new { PipelineName = "credit-risk-retrain", MaxResults = 100 });

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.Equal(4, page.GetProperty("PipelineExecutionSummaries").GetArrayLength());
    }

    [Fact]
    public async Task StartPipelineExecution_SameTokenOtherParameters_ConflictException()
    {
        await StartAsync(new[] { new { Name = "MaxDepth", Value = "8" } });

        var message = await SimulatorHost.AssertErrorAsync(await PostAsync("StartPipelineExecution", new
        {
            PipelineName = "credit-risk-retrain",
            ClientRequestToken = Token,
            PipelineParameters = new[] { new { Name = "MaxDepth", Value = "9" } },
        }), HttpStatusCode.BadRequest, "ConflictException");

        Assert.StartsWith($"ClientRequestToken {Token} was already used to start execution {PipelineArn}/execution/", message);
    }

    public static TheoryData<string, string, string> Refusals => new()
    {
        { """{"PipelineName":"nope","ClientRequestToken":"5b0f3c1e-7a2d-4c9b-8e6f-1d2a3b4c5d6e"}""", "ResourceNotFound",
            "Pipeline 'arn:aws:sagemaker:us-east-1:123456789012:pipeline/nope' does not exist." },
        { """{"PipelineName":"credit-risk-retrain","ClientRequestToken":"too-short"}""", "ValidationException",
            "1 validation error detected: Value 'too-short' at 'clientRequestToken' failed to satisfy constraint: Member must have length greater than or equal to 32" },
        { """{"PipelineName":"credit-risk-retrain","ClientRequestToken":"5b0f3c1e-7a2d-4c9b-8e6f-1d2a3b4c5d6e","PipelineParameters":[{"Name":"Depth","Value":"6"}]}""",
            "ValidationException", "Parameter(s) [Depth] are not defined in the definition of pipeline credit-risk-retrain." },
        { """{"PipelineName":"credit-risk-retrain","ClientRequestToken":"5b0f3c1e-7a2d-4c9b-8e6f-1d2a3b4c5d6e","PipelineParameters":[{"Name":"MaxDepth","Value":"six"}]}""",
            "ValidationException", "Value 'six' of parameter MaxDepth is not a valid Integer." },
        { """{"PipelineName":"credit-risk-retrain","ClientRequestToken":"5b0f3c1e-7a2d-4c9b-8e6f-1d2a3b4c5d6e","PipelineParameters":[{"Name":"MinF1","Value":"NaN"}]}""",
            "ValidationException", "Value 'NaN' of parameter MinF1 is not a valid Float." },
        { """{"PipelineName":"credit-risk-retrain","ClientRequestToken":"5b0f3c1e-7a2d-4c9b-8e6f-1d2a3b4c5d6e","PipelineParameters":[{"Name":"ApprovalStatus","Value":"Yes"}]}""",
            "ValidationException", "Value 'Yes' of parameter ApprovalStatus is not one of [PendingManualApproval, Approved, Rejected]." },
        { """{"PipelineName":"credit-risk-retrain","ClientRequestToken":"5b0f3c1e-7a2d-4c9b-8e6f-1d2a3b4c5d6e","PipelineParameters":[{"Name":"InputDataUrl","Value":""}]}""",
            "ValidationException", "[string \"\" is too short (length: 0, required minimum: 1)]" },
        { """{"PipelineName":"credit-risk-retrain","ClientRequestToken":"5b0f3c1e-7a2d-4c9b-8e6f-1d2a3b4c5d6e","PipelineParameters":[{"Name":"Max Depth","Value":"6"}]}""",
            "ValidationException", "1 validation error detected: Value 'Max Depth' at 'pipelineParameters.1.member.name' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9\\-_]*" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task StartPipelineExecution_Refused_NoExecutionStarted(string body, string code, string expected)
    {
        var message = await SimulatorHost.AssertErrorAsync(await _host.PostAsync(SimulatorHost.SageMakerPrefix + "StartPipelineExecution", body),
            HttpStatusCode.BadRequest, code);
        var page = await CallAsync("ListPipelineExecutions", new { PipelineName = "credit-risk-retrain" });

        Assert.Equal(expected, message);
        Assert.Equal(2, page.GetProperty("PipelineExecutionSummaries").GetArrayLength());
    }

    [Fact]
    public async Task FailNextPipelineExecution_TrainFailsAndNoModel_SwitchUsedUpSoTheNextRunSucceeds()
    {
        _host.Faults.Set(new FaultOptions { FailNextPipelineExecution = true });
        var failed = await StartAsync();
        var next = await StartAsync(token: "6c1a4d2f-8b3e-4dad-9f70-2e3b4c5d6e7f");
        Advance(400);
        var steps = await StepsAsync(failed);
        var described = await CallAsync("DescribePipelineExecution", new { PipelineExecutionArn = failed });
        var models = (await CallAsync("ListModels", new { NameContains = "credit-risk-glm-v5-", MaxResults = 100 })).GetProperty("Models");

        Assert.False(_host.Faults.Settings.FailNextPipelineExecution);
        Assert.Equal("Failed", Text(described, "PipelineExecutionStatus"));
        Assert.Equal(PipelineRun.StepFailure, Text(described, "FailureReason"));
        Assert.Equal([("Preprocess", "Succeeded"), ("Train", "Failed")], steps.Select(s => (Text(s, "StepName"), Text(s, "StepStatus"))));
        Assert.Equal(PipelineStore.InjectedTrainingFailure, Text(steps[1], "FailureReason"));
        Assert.Equal("Succeeded", await StatusAsync(next));
        Assert.Equal(1, models.GetArrayLength());
    }

    [Fact]
    public async Task UnknownTrainingInstanceType_TrainFailsAsCreateTrainingJobRefusesIt()
    {
        var arn = await StartAsync(new[] { new { Name = "TrainingInstanceType", Value = "ml.huge" } });
        Advance(300);

        var train = (await StepsAsync(arn))[^1];

        Assert.Equal(("Train", "Failed"), (Text(train, "StepName"), Text(train, "StepStatus")));
        Assert.StartsWith("ClientError: Failed to invoke sagemaker:CreateTrainingJob.", Text(train, "FailureReason"));
        Assert.Equal("Failed", await StatusAsync(arn));
    }

    [Fact]
    public async Task ListPipelineExecutionSteps_PagedByTwo_NewestFirstByDefaultEveryStepOnce()
    {
        var arn = await StartAsync();
        Advance(400);
        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await CallAsync("ListPipelineExecutionSteps", token is null
                ? new { PipelineExecutionArn = arn, MaxResults = 2, NextToken = (string?)null }
                : new { PipelineExecutionArn = arn, MaxResults = 2, NextToken = (string?)token });
            seen.AddRange(page.GetProperty("PipelineExecutionSteps").EnumerateArray().Select(s => Text(s, "StepName")));
            token = page.TryGetProperty("NextToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);

        Assert.Equal(["RegisterModel", "CreateModel", "CheckQuality", "Evaluate", "Train", "Preprocess"], seen);
    }

    [Fact]
    public async Task DescribeProcessingJob_APreprocessStep_InProgressThenCompleted()
    {
        var arn = await StartAsync();
        Advance(10);
        var preprocess = (await StepsAsync(arn))[0];
        var name = Text(preprocess.GetProperty("Metadata").GetProperty("ProcessingJob"), "Arn").Split('/')[^1];
        var running = await CallAsync("DescribeProcessingJob", new { ProcessingJobName = name });
        Advance(70);
        var done = await CallAsync("DescribeProcessingJob", new { ProcessingJobName = name });

        Assert.Equal("InProgress", Text(running, "ProcessingJobStatus"));
        Assert.Equal("Completed", Text(done, "ProcessingJobStatus"));
        Assert.Equal(Time(preprocess, "StartTime"), Time(done, "ProcessingStartTime"));
    }

    [Fact]
    public async Task DescribePipelineExecution_UnknownOrMalformedArn_ResourceNotFoundOrValidation()
    {
        var unknown = await SimulatorHost.AssertErrorAsync(await PostAsync("DescribePipelineExecution",
            new { PipelineExecutionArn = PipelineArn + "/execution/000000000000" }), HttpStatusCode.BadRequest, "ResourceNotFound");
        await SimulatorHost.AssertErrorAsync(await PostAsync("DescribePipelineExecution", new { PipelineExecutionArn = "not-an-arn" }),
            HttpStatusCode.BadRequest, "ValidationException");

        Assert.Equal($"Pipeline execution '{PipelineArn}/execution/000000000000' does not exist.", unknown);
    }
}
