using System.Globalization;
using Dashboard.Core.SageMaker;
using Dashboard.Simulator.S3;
using Dashboard.Simulator.Wire;
using Microsoft.Extensions.Options;

namespace Dashboard.Simulator.SageMaker.Monitoring;

/// <summary>
/// The wire shapes of schedules, executions and their processing jobs: the baseline and report locations are the keys
/// <see cref="S3Catalog"/> serves, so a client can follow DescribeMonitoringSchedule and DescribeProcessingJob to the files.
/// </summary>
public sealed class MonitoringShapesBuilder(S3Catalog bucket, IOptions<SimulatorOptions> options)
{
    private const string OutputPath = "/opt/ml/processing/output";
    private const string InputPath = "/opt/ml/processing/input/endpoint";

    private readonly SageMakerArns _arns = new(options.Value.Region, options.Value.AccountId);
    private readonly string _region = options.Value.Region;

    private string Bucket => "s3://" + bucket.BucketName + "/";

    private string RoleArn => _arns.Role("SageMakerExecutionRole");

    /// <summary>The Model Monitor container (the analyzer image's registry account is AWS's in us-east-1).</summary>
    private string AnalyzerImage => $"156813124566.dkr.ecr.{_region}.amazonaws.com/sagemaker-model-monitor-analyzer";

    public MonitoringScheduleSummary Summary(SimulatedSchedule schedule) =>
        new(schedule.Name, _arns.MonitoringSchedule(schedule.Name), schedule.CreationTime, schedule.LastModifiedTime, schedule.Status,
            schedule.Endpoint.Name, schedule.JobDefinitionName, schedule.Type);

    public MonitoringExecutionSummary Summary(SimulatedExecution execution, DateTimeOffset now) =>
        new(execution.Schedule.Name, execution.ScheduledTime, execution.CreationTime, execution.LastModifiedAt(now), execution.StatusAt(now),
            _arns.ProcessingJob(execution.JobName), execution.Schedule.Endpoint.Name,
            execution.StatusAt(now) == MonitoringExecutionStatuses.Failed ? execution.FailureReason : null,
            execution.Schedule.JobDefinitionName, execution.Schedule.Type);

    public AwsErrorException ScheduleNotFound(string name) =>
        new("ResourceNotFound", $"Could not find monitoring schedule \"{_arns.MonitoringSchedule(name)}\".");

    public DescribeMonitoringScheduleResponse Describe(SimulatedSchedule schedule, SimulatedExecution? last, DateTimeOffset now)
    {
        var config = schedule.Monitor is null
            ? new MonitoringScheduleConfig
            {
                ScheduleConfig = new ScheduleConfig(MonitoringCatalog.HourlyCron),
                MonitoringJobDefinitionName = schedule.JobDefinitionName,
                MonitoringType = schedule.Type,
            }
            : new MonitoringScheduleConfig
            {
                ScheduleConfig = new ScheduleConfig(MonitoringCatalog.HourlyCron),
                MonitoringJobDefinition = InlineDefinition(schedule),
            };
        return new DescribeMonitoringScheduleResponse(_arns.MonitoringSchedule(schedule.Name), schedule.Name, schedule.Status, schedule.CreationTime,
            schedule.LastModifiedTime, config)
        {
            MonitoringType = schedule.Type,
            EndpointName = schedule.Endpoint.Name,
            LastMonitoringExecutionSummary = last is null ? null : Summary(last, now),
        };
    }

    /// <summary>A data-quality schedule's job: the endpoint's captured data against the baseline, reports under model-monitor/reports.</summary>
    private MonitoringJobDefinition InlineDefinition(SimulatedSchedule schedule) =>
        new([new MonitoringInput
            {
                EndpointInput = new EndpointInput(schedule.Endpoint.Name, InputPath)
                {
                    S3InputMode = "File",
                    S3DataDistributionType = "FullyReplicated",
                },
            }],
            new MonitoringOutputConfig([new MonitoringOutput(new MonitoringS3Output(Bucket + S3Catalog.ReportsPrefix.TrimEnd('/'), OutputPath)
            {
                S3UploadMode = "EndOfJob",
            })]),
            new MonitoringResources(new ProcessingClusterConfig(1, "ml.m5.xlarge", 20)),
            new MonitoringAppSpecification(AnalyzerImage),
            RoleArn)
        {
            BaselineConfig = new MonitoringBaselineConfig
            {
                BaseliningJobName = BaselineJobName(schedule),
                ConstraintsResource = new MonitoringS3Resource(Bucket + S3Catalog.BaselinePrefix(schedule.Name) + "constraints.json"),
                StatisticsResource = new MonitoringS3Resource(Bucket + S3Catalog.BaselinePrefix(schedule.Name) + "statistics.json"),
            },
            StoppingCondition = new StoppingCondition(3600),
            Environment = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["dataset_format"] = """{"sagemakerCaptureJson":{"captureIndexNames":["endpointInput","endpointOutput"]}}""",
                ["dataset_source"] = InputPath,
                ["output_path"] = OutputPath,
                ["publish_cloudwatch_metrics"] = "Enabled",
            },
        };

    /// <summary>
    /// The execution's processing job: its output S3Uri is the hour's report prefix (no trailing slash; statistics.json
    /// and constraint_violations.json are directly under it), its inputs the hour of capture it analysed and the baseline.
    /// </summary>
    public DescribeProcessingJobResponse ProcessingJob(SimulatedExecution execution, DateTimeOffset now)
    {
        var schedule = execution.Schedule;
        var status = execution.StatusAt(now) switch
        {
            MonitoringExecutionStatuses.Pending or MonitoringExecutionStatuses.InProgress => ProcessingJobStatuses.InProgress,
            MonitoringExecutionStatuses.Failed => ProcessingJobStatuses.Failed,
            _ => ProcessingJobStatuses.Completed,
        };
        var hourPath = HourPath(execution.ScheduledTime);
        var analysed = HourPath(execution.ScheduledTime.AddHours(-1));
        var inputs = schedule.Endpoint.Variants.Select((v, i) => new ProcessingInput($"input_{i + 1}")
        {
            AppManaged = false,
            S3Input = new ProcessingS3Input($"{Bucket}{bucket.CapturePrefix(schedule.Endpoint.Name)}{v.Name}/{analysed}", "S3Prefix")
            {
                LocalPath = $"{InputPath}/{schedule.Endpoint.Name}/{v.Name}/{analysed}",
                S3InputMode = "File",
                S3DataDistributionType = "FullyReplicated",
                S3CompressionType = "None",
            },
        }).ToList();
        if (schedule.Monitor is not null)
        {
            inputs.Add(BaselineInput("baseline", "statistics.json", schedule));
            inputs.Add(BaselineInput("constraints", "constraints.json", schedule));
        }
        return new DescribeProcessingJobResponse(execution.JobName, new ProcessingResources(new ProcessingClusterConfig(1, "ml.m5.xlarge", 20)),
            new AppSpecification(AnalyzerImage), _arns.ProcessingJob(execution.JobName), status, execution.CreationTime)
        {
            ProcessingInputs = inputs,
            ProcessingOutputConfig = new ProcessingOutputConfig([new ProcessingOutput("result")
            {
                S3Output = new ProcessingS3Output($"{Bucket}{S3Catalog.ReportPrefix(schedule.Endpoint.Name, schedule.Name)}{hourPath}", "EndOfJob")
                {
                    LocalPath = OutputPath,
                },
                AppManaged = false,
            }]),
            StoppingCondition = new StoppingCondition(3600),
            Environment = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["dataset_source"] = InputPath,
                ["output_path"] = OutputPath,
                ["publish_cloudwatch_metrics"] = "Enabled",
                ["sagemaker_endpoint_name"] = schedule.Endpoint.Name,
                ["sagemaker_monitoring_schedule_name"] = schedule.Name,
            },
            RoleArn = RoleArn,
            ExitMessage = status switch
            {
                ProcessingJobStatuses.InProgress => null,
                ProcessingJobStatuses.Failed => execution.FailureReason,
                _ => execution.Violations > 0
                    ? $"CompletedWithViolations: Job completed successfully with {execution.Violations} violations."
                    : "Completed: Job completed successfully with no violations.",
            },
            FailureReason = status == ProcessingJobStatuses.Failed ? execution.FailureReason : null,
            ProcessingStartTime = now >= execution.StartTime ? execution.StartTime : null,
            ProcessingEndTime = now >= execution.EndTime ? execution.EndTime : null,
            LastModifiedTime = execution.LastModifiedAt(now),
            MonitoringScheduleArn = _arns.MonitoringSchedule(schedule.Name),
        };
    }

    public AwsErrorException ProcessingJobNotFound(string name) =>
        new("ResourceNotFound", $"Could not find processing job \"{_arns.ProcessingJob(name)}\".");

    private ProcessingInput BaselineInput(string name, string file, SimulatedSchedule schedule) => new(name)
    {
        AppManaged = false,
        S3Input = new ProcessingS3Input(Bucket + S3Catalog.BaselinePrefix(schedule.Name) + file, "S3Prefix")
        {
            LocalPath = $"/opt/ml/processing/{name}",
            S3InputMode = "File",
            S3DataDistributionType = "FullyReplicated",
            S3CompressionType = "None",
        },
    };

    private static string BaselineJobName(SimulatedSchedule schedule)
    {
        var name = $"{schedule.Endpoint.Name}-baseline-{schedule.CreationTime.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture)}";
        return name.Length <= 63 ? name : name[^63..].TrimStart('-');
    }

    private static string HourPath(DateTimeOffset hour) => hour.UtcDateTime.ToString("yyyy/MM/dd/HH", CultureInfo.InvariantCulture);
}
