using Dashboard.Core.SageMaker;

namespace Dashboard.Simulator.SageMaker.Pipelines;

/// <summary>
/// One pipeline execution, fixed when it started: its steps' times and outcomes are planned then, so its status at any
/// moment is computed, not stored, and does not depend on when anyone looks.
/// </summary>
public sealed record PipelineRun(string Id, string Arn, SimulatedPipeline Pipeline, string DisplayName, DateTimeOffset CreationTime,
    IReadOnlyList<PipelineParameter> Parameters, IReadOnlyList<PlannedStep> Steps)
{
    /// <summary>What SageMaker says of an execution one of whose steps failed.</summary>
    public const string StepFailure = "Step failure: One or multiple steps failed.";

    public string? Description { get; init; }

    /// <summary>The ClientRequestToken it was started with (null for the history).</summary>
    public string? Token { get; init; }

    /// <summary>The model its CreateModel step creates (null when it fails first).</summary>
    public string? ModelName { get; init; }

    public bool Fails => Steps[^1].FailureReason is not null;

    /// <summary>When the execution ends: a second after its last step.</summary>
    public DateTimeOffset EndTime => Steps[^1].End.AddSeconds(1);

    public string StatusAt(DateTimeOffset now) =>
        now < EndTime ? PipelineExecutionStatuses.Executing : Fails ? PipelineExecutionStatuses.Failed : PipelineExecutionStatuses.Succeeded;

    public string? FailureReasonAt(DateTimeOffset now) => now >= EndTime && Fails ? StepFailure : null;

    /// <summary>The latest step start or end (or the end of the run) at <paramref name="now"/>.</summary>
    public DateTimeOffset LastModifiedAt(DateTimeOffset now)
    {
        if (now >= EndTime)
        {
            return EndTime;
        }
        var last = CreationTime;
        foreach (var step in Steps)
        {
            last = step.End <= now ? step.End : step.Start <= now ? step.Start : last;
        }
        return last;
    }

    /// <summary>The steps that have started by <paramref name="now"/>, each with its status then.</summary>
    public IEnumerable<PipelineExecutionStep> StepsAt(DateTimeOffset now) =>
        Steps.Where(s => s.Start <= now).Select(s => new PipelineExecutionStep(s.Name,
            now < s.End ? PipelineStepStatuses.Executing : s.FailureReason is null ? PipelineStepStatuses.Succeeded : PipelineStepStatuses.Failed)
        {
            StepDisplayName = s.Name,
            StepDescription = s.Description,
            StartTime = s.Start,
            EndTime = now < s.End ? null : s.End,
            FailureReason = now < s.End ? null : s.FailureReason,
            // A job's ARN is known once it is created; a model's and a package's once the step has made them.
            Metadata = now < s.End && s.Type is "Model" or "RegisterModel" or "Condition" ? null : s.Metadata,
            AttemptCount = 1,
        });
}
