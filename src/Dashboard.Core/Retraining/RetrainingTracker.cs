using Dashboard.Core.Audit;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Dashboard.Core.Workers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Retraining;

/// <summary>
/// Starts approved retraining runs and follows running ones, every round (<see cref="RetrainingOptions.FollowInterval"/>,
/// and at once when an approval wakes it). A start is marked as requested before StartPipelineExecution is called with the
/// run's own token, so a retry, a restart or another replica starts the pipeline once; a run whose answer was lost is found
/// again by its display name in ListPipelineExecutions, else the idempotent retry answers its ARN.
/// </summary>
public sealed partial class RetrainingTracker(IRetrainingStore store, RetrainingService service, ISageMakerClient sageMaker, RetrainingSignal signal,
    IOptions<RetrainingOptions> options, TimeProvider timeProvider, ILogger<RetrainingTracker> logger) : PeriodicWorker(timeProvider, logger)
{
    private static readonly RetrainingStatus[] InFlight = [RetrainingStatus.Approved, RetrainingStatus.Running];

    protected override TimeSpan Interval => options.Value.FollowInterval;

    protected override WakeUpSignal WakeUp => signal;

    protected override string Work => "Following retraining runs";

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var run in await store.ListAsync(InFlight, 200, cancellationToken))
        {
            try
            {
                if (run.Status == RetrainingStatus.Approved)
                {
                    await StartAsync(run, cancellationToken);
                }
                else
                {
                    await FollowAsync(run, cancellationToken);
                }
            }
            catch (RetrainingConflictException)
            {
                // moved meanwhile (another replica's tracker): the next round reads it again
            }
        }
    }

    private async Task StartAsync(RetrainingRun run, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        string? arn = null;
        if (run.StartRequestedAt is null)
        {
            run = await store.MoveAsync(run with { StartRequestedAt = now }, RetrainingStatus.Approved, null, Actor.System, cancellationToken);
        }
        else
        {
            arn = await FindStartedAsync(run, cancellationToken);
        }
        if (arn is null)
        {
            try
            {
                arn = (await sageMaker.StartPipelineExecutionAsync(new StartPipelineExecutionRequest(run.Pipeline, run.ClientRequestToken)
                {
                    PipelineExecutionDisplayName = run.DisplayName,
                    PipelineExecutionDescription = Cut($"Retraining #{run.Id} of {run.Endpoint}, proposed by {run.ProposedBy}, approved by {run.DecidedBy}: {run.Reason}", 3072),
                    PipelineParameters = run.Parameters,
                }, cancellationToken)).PipelineExecutionArn;
            }
            catch (AwsServiceException ex) when (Refused(ex))
            {
                LogRefused(logger, run.Id, run.Pipeline, ex.ErrorCode);
                await FinishAsync(run, run with
                {
                    Status = RetrainingStatus.Failed,
                    FinishedAt = now,
                    Outcome = $"SageMaker refused to start {run.Pipeline} ({ex.ErrorCode}): {ex.AwsMessage}",
                }, cancellationToken);
                return;
            }
            // Anything else (throttled, a server error, a timeout, a garbled reply, expired credentials) may or may not have
            // started it: thrown, the round backs off, and the next one looks for the execution, then retries with the same token.
        }
        var started = await store.MoveAsync(run with
        {
            Status = RetrainingStatus.Running,
            ExecutionArn = arn,
            ExecutionStatus = PipelineExecutionStatuses.Executing,
            StartedAt = now,
        }, RetrainingStatus.Approved, AuditActions.RetrainingStart, Actor.System, cancellationToken);
        service.Published(started);
    }

    /// <summary>The execution an earlier attempt started, by its display name, among the pipeline's newest executions.</summary>
    private async Task<string?> FindStartedAsync(RetrainingRun run, CancellationToken cancellationToken)
    {
        var listed = await sageMaker.ListPipelineExecutionsAsync(new ListPipelineExecutionsRequest(run.Pipeline)
        {
            CreatedAfter = run.StartRequestedAt!.Value.AddMinutes(-5),
            SortBy = "CreationTime",
            SortOrder = "Descending",
            MaxResults = 100,
        }, cancellationToken);
        return listed.PipelineExecutionSummaries.FirstOrDefault(e => e.PipelineExecutionDisplayName == run.DisplayName)?.PipelineExecutionArn;
    }

    private async Task FollowAsync(RetrainingRun run, CancellationToken cancellationToken)
    {
        var arn = run.ExecutionArn!;
        var execution = await sageMaker.DescribePipelineExecutionAsync(new DescribePipelineExecutionRequest(arn), cancellationToken);
        var steps = new List<PipelineExecutionStep>();
        string? token = null;
        do
        {
            var page = await sageMaker.ListPipelineExecutionStepsAsync(new ListPipelineExecutionStepsRequest(arn)
            {
                SortOrder = "Ascending",
                NextToken = token,
                MaxResults = 100,
            }, cancellationToken);
            steps.AddRange(page.PipelineExecutionSteps);
            token = page.NextToken;
        }
        while (token is not null);
        var next = RetrainingProgress.Advance(run, execution, steps, Time.GetUtcNow());
        if (next.Status == RetrainingStatus.Succeeded)
        {
            next = next with { ModelName = await ModelAsync(run, steps, cancellationToken) };
            next = next with { Outcome = RetrainingProgress.SucceededText(next) };
        }
        if (RetrainingProgress.Same(run, next))
        {
            return;
        }
        if (next.IsOpen)
        {
            var moved = await store.MoveAsync(next, RetrainingStatus.Running, null, Actor.System, cancellationToken);
            service.Published(moved);
        }
        else
        {
            await FinishAsync(run, next, cancellationToken);
        }
    }

    /// <summary>
    /// The model the run created: the one whose ARN a step reports (ARNs lower-case the name, ListModels has it as created),
    /// else the newest model created since the run started.
    /// </summary>
    private async Task<string?> ModelAsync(RetrainingRun run, IReadOnlyList<PipelineExecutionStep> steps, CancellationToken cancellationToken)
    {
        var arn = steps.LastOrDefault(s => s.Metadata?.Model?.Arn is not null)?.Metadata!.Model!.Arn;
        var models = (await sageMaker.ListModelsAsync(new ListModelsRequest("CreationTime", "Descending", null, 50), cancellationToken)).Models;
        return models.FirstOrDefault(m => string.Equals(m.ModelArn, arn, StringComparison.OrdinalIgnoreCase))?.ModelName
            ?? (arn is not null ? RetrainingProgress.ModelName(arn) : models.Where(m => m.CreationTime >= run.StartedAt).MaxBy(m => m.CreationTime)?.ModelName);
    }

    private async Task FinishAsync(RetrainingRun run, RetrainingRun finished, CancellationToken cancellationToken)
    {
        var stored = await store.MoveAsync(finished, run.Status, AuditActions.RetrainingFinish, Actor.System, cancellationToken);
        LogFinished(logger, stored.Id, stored.Endpoint, stored.Status, stored.ModelName);
        service.Published(stored);
    }

    /// <summary>SageMaker said no and started nothing: the parameters, the pipeline, a quota, or the token used otherwise.</summary>
    private static bool Refused(AwsServiceException ex) => ex.StatusCode is >= 400 and < 500
        && ex.ErrorCode is "ValidationException" or "ResourceNotFound" or "ResourceLimitExceeded" or "ConflictException";

    private static string Cut(string text, int max) => text.Length > max ? text[..(max - 1)] + "…" : text;

    [LoggerMessage(Level = LogLevel.Warning, Message = "SageMaker refused to start retraining #{Id} ({Pipeline}): {ErrorCode}")]
    private static partial void LogRefused(ILogger logger, long id, string pipeline, string errorCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retraining #{Id} of {Endpoint} finished: {Status} (model {Model})")]
    private static partial void LogFinished(ILogger logger, long id, string endpoint, RetrainingStatus status, string? model);
}
