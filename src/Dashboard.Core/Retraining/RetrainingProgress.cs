using Dashboard.Core.SageMaker;

namespace Dashboard.Core.Retraining;

/// <summary>A running run moved on by what DescribePipelineExecution and ListPipelineExecutionSteps show: a pure function.</summary>
public static class RetrainingProgress
{
    /// <param name="steps">The started steps, oldest first.</param>
    public static RetrainingRun Advance(RetrainingRun run, DescribePipelineExecutionResponse execution, IReadOnlyList<PipelineExecutionStep> steps,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(execution);
        ArgumentNullException.ThrowIfNull(steps);
        var next = run with
        {
            ExecutionStatus = execution.PipelineExecutionStatus,
            Steps = steps.Select(s => new RetrainingStep(s.StepDisplayName ?? s.StepName, s.StepStatus, s.StartTime, s.EndTime, s.FailureReason)).ToList(),
        };
        switch (execution.PipelineExecutionStatus)
        {
            case PipelineExecutionStatuses.Succeeded:
                var model = steps.LastOrDefault(s => s.Metadata?.Model?.Arn is not null)?.Metadata!.Model!.Arn is { } arn ? ModelName(arn) : null;
                next = next with { Status = RetrainingStatus.Succeeded, FinishedAt = execution.LastModifiedTime ?? now, ModelName = model };
                return next with { Outcome = SucceededText(next) };
            case PipelineExecutionStatuses.Failed or PipelineExecutionStatuses.Stopped:
                var reasons = steps.Where(s => s.FailureReason is not null).Select(s => $"{s.StepDisplayName ?? s.StepName}: {s.FailureReason}")
                    .Append(execution.FailureReason ?? (execution.PipelineExecutionStatus == PipelineExecutionStatuses.Stopped ? "The execution was stopped." : null))
                    .OfType<string>().ToList();
                return next with
                {
                    Status = RetrainingStatus.Failed,
                    FinishedAt = execution.LastModifiedTime ?? now,
                    Outcome = reasons.Count == 0 ? $"The execution {execution.PipelineExecutionStatus.ToLowerInvariant()}." : string.Join(" ", reasons),
                };
            default:
                return next;
        }
    }

    /// <summary>"Created model credit-risk-glm-v5-202612071830." or, when none can be told, what to look for.</summary>
    public static string SucceededText(RetrainingRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.ModelName is { } model ? $"Created model {model}."
            : "The pipeline succeeded, but no model it created could be found; look in its model registry.";
    }

    /// <summary>Whether storing <paramref name="next"/> would change nothing shown.</summary>
    public static bool Same(RetrainingRun run, RetrainingRun next)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(next);
        return run.Status == next.Status && run.ExecutionStatus == next.ExecutionStatus && run.ModelName == next.ModelName
            && run.Steps.SequenceEqual(next.Steps);
    }

    /// <summary>The model's name from its ARN (<c>arn:aws:sagemaker:region:account:model/name</c>).</summary>
    public static string ModelName(string arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        var slash = arn.LastIndexOf('/');
        return slash >= 0 ? arn[(slash + 1)..] : arn;
    }
}
