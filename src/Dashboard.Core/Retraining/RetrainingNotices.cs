using Dashboard.Core.Audit;
using Dashboard.Core.DeploymentNotices;

namespace Dashboard.Core.Retraining;

/// <summary>
/// The notice each action on a retraining run tells (bell and webhooks): a deployment notice about a retraining subject,
/// so the one notice table, the one delivery queue and its dispatcher carry it unchanged. Its key is the action, unique per run.
/// </summary>
public static class RetrainingNotices
{
    public static DeploymentNotice? For(string action, RetrainingRun run, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        var name = $"Retraining #{run.Id} of {run.Endpoint}";
        var (kind, headline, detail) = action switch
        {
            AuditActions.RetrainingPropose => (DeploymentNoticeKind.Proposed,
                $"{name} proposed by {run.ProposedBy}: {run.Pipeline}", $"{RetrainingRun.FindingText(run.FindingKind)}: {run.Finding}. Reason: {run.Reason}"),
            AuditActions.RetrainingApprove => (DeploymentNoticeKind.Approved, $"{name} approved by {run.DecidedBy}", run.DecisionNote),
            AuditActions.RetrainingReject => (DeploymentNoticeKind.Rejected, $"{name} was rejected by {run.DecidedBy}", run.DecisionNote),
            AuditActions.RetrainingWithdraw => (DeploymentNoticeKind.Withdrawn, $"{name} was withdrawn by {run.DecidedBy}", run.DecisionNote),
            AuditActions.RetrainingStart => (DeploymentNoticeKind.Started, $"{name}: {run.Pipeline} started", run.ExecutionArn),
            AuditActions.RetrainingFinish when run.Status == RetrainingStatus.Succeeded =>
                (DeploymentNoticeKind.Succeeded, $"{name} succeeded" + (run.ModelName is { } model ? $": {model} is a deployment candidate" : ""), run.Outcome),
            AuditActions.RetrainingFinish => (DeploymentNoticeKind.Failed, $"{name} failed", run.Outcome),
            _ => ((DeploymentNoticeKind?)null, "", (string?)null),
        };
        return kind is null ? null : new DeploymentNotice(run.Id, run.Endpoint, action, kind.Value, now, headline,
            string.IsNullOrWhiteSpace(detail) ? null : detail.Trim())
        {
            Subject = NoticeSubject.Retraining,
        };
    }
}
