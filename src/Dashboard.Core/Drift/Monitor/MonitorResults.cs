using System.Text.Json;
using Dashboard.Core.S3;
using Dashboard.Core.SageMaker;

namespace Dashboard.Core.Drift.Monitor;

/// <summary>One finding of a Model Monitor execution (constraint_violations.json).</summary>
public sealed record MonitorViolation(string Feature, string Check, string Description);

/// <summary>An execution of a schedule; <see cref="Violations"/> is read for the newest finished one only.</summary>
public sealed record MonitorExecution(DateTimeOffset ScheduledTime, string Status, string? FailureReason, IReadOnlyList<MonitorViolation>? Violations);

/// <summary>A Model Monitor schedule of the endpoint with its recent executions, newest first.</summary>
public sealed record MonitorSchedule(string Name, string Type, string Status, string? Expression, string? FailureReason,
    IReadOnlyList<MonitorExecution> Executions)
{
    public MonitorExecution? Latest => Executions.FirstOrDefault();
}

/// <summary>
/// Reads an endpoint's Model Monitor schedules, their last executions and the newest finished execution's violations
/// (from the report prefix its processing job names), for the drift tab and the fleet overview's Model Monitor column.
/// </summary>
public sealed class MonitorResults(ISageMakerClient sageMaker, IS3ObjectClient s3)
{
    public const int Executions = 12;

    public async Task<IReadOnlyList<MonitorSchedule>> ReadAsync(string endpoint, CancellationToken cancellationToken)
    {
        var schedules = new List<MonitorSchedule>();
        string? token = null;
        do
        {
            var page = await sageMaker.ListMonitoringSchedulesAsync(new ListMonitoringSchedulesRequest { EndpointName = endpoint, NextToken = token }, cancellationToken);
            foreach (var summary in page.MonitoringScheduleSummaries)
            {
                schedules.Add(await ScheduleAsync(summary, cancellationToken));
            }
            token = page.NextToken;
        }
        while (token is not null);
        return schedules;
    }

    private async Task<MonitorSchedule> ScheduleAsync(MonitoringScheduleSummary summary, CancellationToken cancellationToken)
    {
        var schedule = await sageMaker.DescribeMonitoringScheduleAsync(new DescribeMonitoringScheduleRequest(summary.MonitoringScheduleName), cancellationToken);
        var executions = await sageMaker.ListMonitoringExecutionsAsync(new ListMonitoringExecutionsRequest
        {
            MonitoringScheduleName = summary.MonitoringScheduleName,
            SortBy = "ScheduledTime",
            SortOrder = "Descending",
            MaxResults = Executions,
        }, cancellationToken);
        var list = new List<MonitorExecution>();
        var violationsRead = false;
        foreach (var execution in executions.MonitoringExecutionSummaries)
        {
            IReadOnlyList<MonitorViolation>? violations = null;
            if (!violationsRead && execution.MonitoringExecutionStatus is MonitoringExecutionStatuses.Completed or MonitoringExecutionStatuses.CompletedWithViolations)
            {
                violations = await ViolationsAsync(execution, cancellationToken);
                violationsRead = true;
            }
            list.Add(new MonitorExecution(execution.ScheduledTime, execution.MonitoringExecutionStatus, execution.FailureReason, violations));
        }
        return new MonitorSchedule(summary.MonitoringScheduleName, schedule.MonitoringType ?? summary.MonitoringType ?? MonitoringTypes.DataQuality,
            schedule.MonitoringScheduleStatus, schedule.MonitoringScheduleConfig.ScheduleConfig?.ScheduleExpression, schedule.FailureReason, list);
    }

    /// <summary>The execution's constraint_violations.json, found through its processing job's output; empty when there is none.</summary>
    private async Task<IReadOnlyList<MonitorViolation>> ViolationsAsync(MonitoringExecutionSummary execution, CancellationToken cancellationToken)
    {
        if (execution.ProcessingJobArn is not { } arn)
        {
            return [];
        }
        var job = await sageMaker.DescribeProcessingJobAsync(new DescribeProcessingJobRequest(arn[(arn.LastIndexOf('/') + 1)..]), cancellationToken);
        if (S3Uri.TryParse(job.ProcessingOutputConfig?.Outputs.FirstOrDefault()?.S3Output?.S3Uri) is not { } output)
        {
            return [];
        }
        try
        {
            var file = await s3.GetObjectAsync(new S3GetObjectRequest(output.Bucket, output.Prefix + "constraint_violations.json"), cancellationToken);
            using var document = JsonDocument.Parse(file.Content);
            return document.RootElement.TryGetProperty("violations", out var violations) && violations.ValueKind == JsonValueKind.Array
                ? violations.EnumerateArray().Select(v => new MonitorViolation(Text(v, "feature_name") ?? Text(v, "metric_name") ?? "",
                    Text(v, "constraint_check_type") ?? "", Text(v, "description") ?? "")).ToList()
                : [];
        }
        catch (AwsServiceException e) when (e.ErrorCode == "NoSuchKey")
        {
            return [];
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
