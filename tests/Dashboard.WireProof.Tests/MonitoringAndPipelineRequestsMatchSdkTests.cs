using Dashboard.Core.SageMaker;
using static Dashboard.WireProof.Tests.RequestsMatchSdkTests;

namespace Dashboard.WireProof.Tests;

/// <summary>The Model Monitor and Pipelines operations: our C# requests and the node SDK's, for the same input, must be the same request.</summary>
public sealed class MonitoringAndPipelineRequestsMatchSdkTests
{
    private const string SageMakerJson = "application/x-amz-json-1.1";
    private const string ExecutionArn = "arn:aws:sagemaker:us-east-1:123456789012:pipeline/credit-risk-retrain/execution/4b7k2ufmy6x9";
    private static readonly DateTimeOffset After = new(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Before = new(2026, 3, 4, 14, 30, 0, TimeSpan.Zero);

    private static async Task SameAsync(string operation, string sdkInput, Func<ISageMakerClient, CancellationToken, Task> sendOurs)
    {
        var pair = await CaptureBothAsync(operation, sdkInput, (provider, ct) => sendOurs(provider.GetRequiredService<ISageMakerClient>(), ct));
        AssertSameRequest(pair, "SageMaker." + operation, SageMakerJson, queryMode: false);
    }

    [Fact]
    public Task ListMonitoringSchedules_AllMembers_SameRequestAsSdk() => SameAsync("ListMonitoringSchedules",
        $$"""
        {"EndpointName":"credit-risk","SortBy":"Status","SortOrder":"Ascending","NextToken":"tok","MaxResults":50,"NameContains":"quality",
         "CreationTimeBefore":"{{Before:O}}","CreationTimeAfter":"{{After:O}}","LastModifiedTimeBefore":"{{Before:O}}","LastModifiedTimeAfter":"{{After:O}}",
         "StatusEquals":"Scheduled","MonitoringJobDefinitionName":"credit-risk-job","MonitoringTypeEquals":"DataQuality"}
        """,
        (client, ct) => client.ListMonitoringSchedulesAsync(new ListMonitoringSchedulesRequest
        {
            EndpointName = "credit-risk",
            SortBy = "Status",
            SortOrder = "Ascending",
            NextToken = "tok",
            MaxResults = 50,
            NameContains = "quality",
            CreationTimeBefore = Before,
            CreationTimeAfter = After,
            LastModifiedTimeBefore = Before,
            LastModifiedTimeAfter = After,
            StatusEquals = MonitoringScheduleStatuses.Scheduled,
            MonitoringJobDefinitionName = "credit-risk-job",
            MonitoringTypeEquals = MonitoringTypes.DataQuality,
        }, ct));

    [Fact]
    public Task DescribeMonitoringSchedule_Name_SameRequestAsSdk() => SameAsync("DescribeMonitoringSchedule",
        """{"MonitoringScheduleName":"credit-risk-data-quality"}""",
        (client, ct) => client.DescribeMonitoringScheduleAsync(new DescribeMonitoringScheduleRequest("credit-risk-data-quality"), ct));

    [Fact]
    public Task ListMonitoringExecutions_AllMembers_SameRequestAsSdk() => SameAsync("ListMonitoringExecutions",
        $$"""
        {"MonitoringScheduleName":"credit-risk-data-quality","EndpointName":"credit-risk","SortBy":"ScheduledTime","SortOrder":"Descending",
         "NextToken":"tok","MaxResults":100,"ScheduledTimeBefore":"{{Before:O}}","ScheduledTimeAfter":"{{After:O}}",
         "CreationTimeBefore":"{{Before:O}}","CreationTimeAfter":"{{After:O}}","LastModifiedTimeBefore":"{{Before:O}}","LastModifiedTimeAfter":"{{After:O}}",
         "StatusEquals":"CompletedWithViolations","MonitoringJobDefinitionName":"credit-risk-job","MonitoringTypeEquals":"DataQuality"}
        """,
        (client, ct) => client.ListMonitoringExecutionsAsync(new ListMonitoringExecutionsRequest
        {
            MonitoringScheduleName = "credit-risk-data-quality",
            EndpointName = "credit-risk",
            SortBy = "ScheduledTime",
            SortOrder = "Descending",
            NextToken = "tok",
            MaxResults = 100,
            ScheduledTimeBefore = Before,
            ScheduledTimeAfter = After,
            CreationTimeBefore = Before,
            CreationTimeAfter = After,
            LastModifiedTimeBefore = Before,
            LastModifiedTimeAfter = After,
            StatusEquals = MonitoringExecutionStatuses.CompletedWithViolations,
            MonitoringJobDefinitionName = "credit-risk-job",
            MonitoringTypeEquals = MonitoringTypes.DataQuality,
        }, ct));

    [Fact]
    public Task DescribeProcessingJob_Name_SameRequestAsSdk() => SameAsync("DescribeProcessingJob",
        """{"ProcessingJobName":"model-monitoring-202603041400-0a1b2c3d"}""",
        (client, ct) => client.DescribeProcessingJobAsync(new DescribeProcessingJobRequest("model-monitoring-202603041400-0a1b2c3d"), ct));

    [Fact]
    public Task ListPipelines_AllMembers_SameRequestAsSdk() => SameAsync("ListPipelines",
        $$"""
        {"PipelineNamePrefix":"credit","CreatedAfter":"{{After:O}}","CreatedBefore":"{{Before:O}}","SortBy":"Name","SortOrder":"Ascending",
         "NextToken":"tok","MaxResults":25}
        """,
        (client, ct) => client.ListPipelinesAsync(new ListPipelinesRequest
        {
            PipelineNamePrefix = "credit",
            CreatedAfter = After,
            CreatedBefore = Before,
            SortBy = "Name",
            SortOrder = "Ascending",
            NextToken = "tok",
            MaxResults = 25,
        }, ct));

    [Fact]
    public Task DescribePipeline_NameAndVersion_SameRequestAsSdk() => SameAsync("DescribePipeline",
        """{"PipelineName":"credit-risk-retrain","PipelineVersionId":1}""",
        (client, ct) => client.DescribePipelineAsync(new DescribePipelineRequest("credit-risk-retrain") { PipelineVersionId = 1 }, ct));

    [Fact]
    public Task StartPipelineExecution_AllModelledMembers_SameRequestAsSdk() => SameAsync("StartPipelineExecution",
        """
        {"PipelineName":"credit-risk-retrain","ClientRequestToken":"5b0f3c1e-7a2d-4c9b-8e6f-1d2a3b4c5d6e","PipelineExecutionDisplayName":"drift-retrain",
         "PipelineParameters":[{"Name":"InputDataUrl","Value":"s3://bucket/train/"},{"Name":"MaxDepth","Value":"8"}],
         "PipelineExecutionDescription":"Proposed by alice, approved by bob","ParallelismConfiguration":{"MaxParallelExecutionSteps":2}}
        """,
        (client, ct) => client.StartPipelineExecutionAsync(new StartPipelineExecutionRequest("credit-risk-retrain", "5b0f3c1e-7a2d-4c9b-8e6f-1d2a3b4c5d6e")
        {
            PipelineExecutionDisplayName = "drift-retrain",
            PipelineParameters = [new PipelineParameter("InputDataUrl", "s3://bucket/train/"), new PipelineParameter("MaxDepth", "8")],
            PipelineExecutionDescription = "Proposed by alice, approved by bob",
            ParallelismConfiguration = new ParallelismConfiguration(2),
        }, ct));

    [Fact]
    public Task StartPipelineExecution_NameAndTokenOnly_SameRequestAsSdk() => SameAsync("StartPipelineExecution",
        """{"PipelineName":"credit-risk-retrain","ClientRequestToken":"5b0f3c1e-7a2d-4c9b-8e6f-1d2a3b4c5d6e"}""",
        (client, ct) => client.StartPipelineExecutionAsync(new StartPipelineExecutionRequest("credit-risk-retrain", "5b0f3c1e-7a2d-4c9b-8e6f-1d2a3b4c5d6e"), ct));

    [Fact]
    public Task DescribePipelineExecution_Arn_SameRequestAsSdk() => SameAsync("DescribePipelineExecution",
        $$"""{"PipelineExecutionArn":"{{ExecutionArn}}"}""",
        (client, ct) => client.DescribePipelineExecutionAsync(new DescribePipelineExecutionRequest(ExecutionArn), ct));

    [Fact]
    public Task ListPipelineExecutions_AllMembers_SameRequestAsSdk() => SameAsync("ListPipelineExecutions",
        $$"""
        {"PipelineName":"credit-risk-retrain","CreatedAfter":"{{After:O}}","CreatedBefore":"{{Before:O}}","SortBy":"CreationTime","SortOrder":"Descending",
         "NextToken":"tok","MaxResults":10}
        """,
        (client, ct) => client.ListPipelineExecutionsAsync(new ListPipelineExecutionsRequest("credit-risk-retrain")
        {
            CreatedAfter = After,
            CreatedBefore = Before,
            SortBy = "CreationTime",
            SortOrder = "Descending",
            NextToken = "tok",
            MaxResults = 10,
        }, ct));

    [Fact]
    public Task ListPipelineExecutionSteps_AllMembers_SameRequestAsSdk() => SameAsync("ListPipelineExecutionSteps",
        $$"""{"PipelineExecutionArn":"{{ExecutionArn}}","NextToken":"tok","MaxResults":2,"SortOrder":"Ascending"}""",
        (client, ct) => client.ListPipelineExecutionStepsAsync(new ListPipelineExecutionStepsRequest(ExecutionArn)
        {
            NextToken = "tok",
            MaxResults = 2,
            SortOrder = "Ascending",
        }, ct));
}
