using System.Globalization;
using Dashboard.Core.Deployments;

namespace Dashboard.Core.DeploymentNotices;

/// <summary>
/// The notices a deployment's stored state implies: a pure function, so deriving them again (every round, after a
/// restart) yields the same keys and the store tells only the new ones. Lasting facts (proposed, approved, the outcome)
/// are derived always; passing moments (a step reached, a step waiting, rolling back) only while the deployment is open,
/// so a deployment first seen finished is not retold step by step.
/// </summary>
public static class DeploymentNoticeRules
{
    public const string FinalKey = "final";

    /// <param name="now">The time given to moments the deployment does not timestamp (waiting, rolling back).</param>
    public static IReadOnlyList<DeploymentNotice> Derive(Deployment deployment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var d = deployment;
        var notices = new List<DeploymentNotice>();
        DeploymentNotice Notice(string key, DeploymentNoticeKind kind, DateTimeOffset time, string headline, string? detail) =>
            new(d.Id, d.Endpoint, key, kind, time, headline, string.IsNullOrWhiteSpace(detail) ? null : detail.Trim());

        var name = $"Deployment #{d.Id} on {d.Endpoint}";
        notices.Add(d.StartedOutside
            ? Notice("started", DeploymentNoticeKind.StartedOutside, d.StartedAt ?? d.ProposedAt,
                $"{name} was started outside the dashboard", d.NewConfig is { } config ? $"{config}: {d.Plan.Models()}" : d.Reason)
            : Notice("proposed", DeploymentNoticeKind.Proposed, d.ProposedAt,
                $"{name} proposed by {d.ProposedBy}: {d.Plan.StrategyName}", $"{d.Plan.Models()}. {d.Plan.Describe()} Reason: {d.Reason}"));
        if (d.DecidedBy is { } decider && d.Status is not (DeploymentStatus.Rejected or DeploymentStatus.Withdrawn))
        {
            notices.Add(Notice("approved", DeploymentNoticeKind.Approved, d.DecidedAt ?? now, $"{name} approved by {decider}", d.DecisionNote));
        }
        if (d.IsOpen)
        {
            foreach (var step in d.Steps.Where(s => s.Index > 0 && s.StartedAt is not null && s.State != StepState.Pending))
            {
                notices.Add(Notice($"step:{step.Index}", DeploymentNoticeKind.StepReached, step.StartedAt!.Value,
                    $"{name}: {StepText(d, step)}", null));
            }
            if (d.Steps.FirstOrDefault(s => s.State == StepState.WaitingForApproval) is { } waiting)
            {
                notices.Add(Notice($"waiting:{waiting.Index}", DeploymentNoticeKind.WaitingForApproval, now,
                    $"{name} waits for an Operator to approve the step after {StepText(d, waiting)}", waiting.Note));
            }
            if (d.Status == DeploymentStatus.RollingBack)
            {
                notices.Add(Notice("rollingback", DeploymentNoticeKind.RollingBack, d.AbortedAt ?? now, $"{name} is rolling back", d.Outcome));
            }
        }
        else if (Final(d.Status) is { } final)
        {
            var by = d.Status is DeploymentStatus.Rejected or DeploymentStatus.Withdrawn && d.DecidedBy is { } who ? $" by {who}" : "";
            notices.Add(Notice(FinalKey, final.Kind, d.FinishedAt ?? now, $"{name} {final.Words}{by}", d.Outcome ?? d.DecisionNote));
        }
        return notices;
    }

    /// <summary>
    /// "canary, 30 % on the new fleet", "step 2 of 4, 25 % on the new model", "all traffic on the new fleet, baking";
    /// <paramref name="brief"/> leaves out where the share goes ("canary, 30 %"), for chart labels.
    /// </summary>
    public static string StepText(Deployment deployment, DeploymentStep step, bool brief = false)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(step);
        var text = char.ToLowerInvariant(step.Name[0]) + step.Name[1..];
        if (step.Share >= 100 || step.Name.Contains('%', StringComparison.Ordinal))
        {
            return text;
        }
        var share = $"{text}, {step.Share.ToString("0.#", CultureInfo.InvariantCulture)} %";
        return brief ? share : share + (deployment.Plan.IsSageMakers ? " on the new fleet" : " on the new model");
    }

    private static (DeploymentNoticeKind Kind, string Words)? Final(DeploymentStatus status) => status switch
    {
        DeploymentStatus.Succeeded => (DeploymentNoticeKind.Succeeded, "succeeded"),
        DeploymentStatus.RolledBack => (DeploymentNoticeKind.RolledBack, "rolled back"),
        DeploymentStatus.RollbackFailed => (DeploymentNoticeKind.RollbackFailed, "failed to roll back"),
        DeploymentStatus.TimedOut => (DeploymentNoticeKind.TimedOut, "timed out"),
        DeploymentStatus.Failed => (DeploymentNoticeKind.Failed, "failed"),
        DeploymentStatus.Rejected => (DeploymentNoticeKind.Rejected, "was rejected"),
        DeploymentStatus.Withdrawn => (DeploymentNoticeKind.Withdrawn, "was withdrawn"),
        _ => null,
    };
}
