using Dashboard.Core.Deployments;
using Dashboard.Core.DeploymentNotices;

namespace Dashboard.Core.Charts;

/// <summary>Where a deployment mark sits in its story: its start, a step boundary, or its end (good or bad).</summary>
public enum DeploymentMarkKind
{
    Start,
    Step,
    Succeeded,
    Failed,
}

/// <summary>A moment of a deployment to mark on a chart, labelled plainly: "#3 canary, 30 %", "#3 rolled back".</summary>
public sealed record DeploymentMark(long DeploymentId, DateTimeOffset Time, string Label, DeploymentMarkKind Kind);

/// <summary>
/// The marks a deployment leaves on its endpoint's charts, ours and those started outside the dashboard alike: the start,
/// each traffic step from the stored steps' start times, and the end with its outcome. Proposals that never reached the
/// endpoint (rejected, withdrawn, failed before SageMaker showed them) leave none.
/// </summary>
public static class DeploymentMarks
{
    public static IReadOnlyList<DeploymentMark> For(Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        if (deployment.StartedAt is not { } started)
        {
            return [];
        }
        var id = deployment.Id;
        var marks = new List<DeploymentMark>
        {
            new(id, started, deployment.StartedOutside ? $"#{id} started outside the dashboard" : $"#{id} started, {char.ToLowerInvariant(deployment.Plan.StrategyName[0])}{deployment.Plan.StrategyName[1..]}",
                DeploymentMarkKind.Start),
        };
        // Steps filled in when the deployment ended (skipped, or never seen on their own) are not boundaries of their own.
        foreach (var step in deployment.Steps.Where(s => s.Index > 0 && s.StartedAt is { } at && at > started
            && (deployment.FinishedAt is not { } end || at < end)))
        {
            marks.Add(new(id, step.StartedAt!.Value, $"#{id} {DeploymentNoticeRules.StepText(deployment, step, brief: true)}", DeploymentMarkKind.Step));
        }
        if (deployment.FinishedAt is { } finished && deployment.IsFinished)
        {
            var kind = deployment.Status == DeploymentStatus.Succeeded ? DeploymentMarkKind.Succeeded : DeploymentMarkKind.Failed;
            marks.Add(new(id, finished, $"#{id} {Deployment.StatusText(deployment.Status).ToLowerInvariant()}", kind));
        }
        return marks;
    }

    /// <summary>The marks of <paramref name="deployments"/> within [<paramref name="from"/>, <paramref name="to"/>], oldest first.</summary>
    public static IReadOnlyList<DeploymentMark> Within(IEnumerable<Deployment> deployments, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(deployments);
        return deployments.SelectMany(For).Where(m => m.Time >= from && m.Time <= to).OrderBy(m => m.Time).ThenBy(m => m.DeploymentId).ToList();
    }
}
