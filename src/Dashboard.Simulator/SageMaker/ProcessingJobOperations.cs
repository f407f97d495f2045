using Dashboard.Core.SageMaker;
using Dashboard.Simulator.S3;
using Dashboard.Simulator.SageMaker.Monitoring;
using Dashboard.Simulator.SageMaker.Pipelines;
using Dashboard.Simulator.Wire;
using Microsoft.Extensions.Options;

namespace Dashboard.Simulator.SageMaker;

/// <summary>
/// DescribeProcessingJob for the jobs the simulated account runs: monitoring executions (whose output is the hour's
/// report prefix) and the processing steps of pipeline executions.
/// </summary>
public sealed class ProcessingJobOperations(MonitoringCatalog monitoring, MonitoringShapesBuilder shapes, PipelineStore pipelines, S3Catalog bucket,
    IOptions<SimulatorOptions> options, TimeProvider timeProvider) : IAwsOperations
{
    private readonly SageMakerArns _arns = new(options.Value.Region, options.Value.AccountId);

    public void Register(AwsDispatcher dispatcher) =>
        dispatcher.Add<DescribeProcessingJobRequest, DescribeProcessingJobResponse>(AwsService.SageMaker, "DescribeProcessingJob", DescribeProcessingJob);

    public DescribeProcessingJobResponse DescribeProcessingJob(DescribeProcessingJobRequest request)
    {
        var name = SageMakerValidation.RequirePatternName(request.ProcessingJobName, "processingJobName");
        var now = timeProvider.GetUtcNow();
        if (monitoring.FindByJob(name, now) is { } execution)
        {
            return shapes.ProcessingJob(execution, now);
        }
        if (pipelines.FindProcessingJob(name, now) is { } job)
        {
            return PipelineJob(job.Run, job.Step, now);
        }
        throw shapes.ProcessingJobNotFound(name);
    }

    private DescribeProcessingJobResponse PipelineJob(PipelineRun run, PlannedStep step, DateTimeOffset now)
    {
        var jobName = PipelineStore.JobName(run.Id, step.Name);
        var done = now >= step.End;
        var status = !done ? ProcessingJobStatuses.InProgress : step.FailureReason is null ? ProcessingJobStatuses.Completed : ProcessingJobStatuses.Failed;
        var input = run.Parameters.FirstOrDefault(p => p.Name == "InputDataUrl")?.Value ?? $"s3://{bucket.BucketName}/";
        return new DescribeProcessingJobResponse(jobName, new ProcessingResources(new ProcessingClusterConfig(1, "ml.m5.xlarge", 30)),
            new AppSpecification($"683313688378.dkr.ecr.{options.Value.Region}.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3"),
            _arns.ProcessingJob(jobName), status, step.Start)
        {
            ProcessingInputs = [new ProcessingInput("input-1") { AppManaged = false, S3Input = new ProcessingS3Input(input, "S3Prefix") { LocalPath = "/opt/ml/processing/input" } }],
            ProcessingOutputConfig = new ProcessingOutputConfig([new ProcessingOutput("output-1")
            {
                S3Output = new ProcessingS3Output($"s3://{bucket.BucketName}/pipelines/{run.Pipeline.Name}/{run.Id}/{step.Name}/output", "EndOfJob")
                {
                    LocalPath = "/opt/ml/processing/output",
                },
                AppManaged = false,
            }]),
            StoppingCondition = new StoppingCondition(86400),
            RoleArn = _arns.Role("SageMakerExecutionRole"),
            FailureReason = done ? step.FailureReason : null,
            ProcessingStartTime = step.Start,
            ProcessingEndTime = done ? step.End : null,
            LastModifiedTime = done ? step.End : step.Start,
        };
    }
}
