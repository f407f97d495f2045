namespace Dashboard.Core.Audit;

/// <summary>
/// One change, as the feature that made it describes it. <see cref="Action"/> is a dotted verb such as "alarm.create";
/// <see cref="Target"/> names what changed (an alarm name, a user name); <see cref="Before"/> and <see cref="After"/>
/// are JSON documents of the changed thing (null when it did not exist), never containing secrets.
/// </summary>
public sealed record AuditEvent(string Action, string Target, string? Endpoint = null, string? Before = null, string? After = null);

/// <summary>A stored audit record: the event, who made it, when, from where, and its place in the hash chain.</summary>
public sealed record AuditRecord(
    long Sequence,
    DateTimeOffset Time,
    string Actor,
    string? RemoteAddress,
    string Action,
    string Target,
    string? Endpoint,
    string? Before,
    string? After,
    string PreviousHash,
    string Hash);

/// <summary>Action names shared by the features that record them.</summary>
public static class AuditActions
{
    public const string AlarmCreate = "alarm.create";
    public const string AlarmUpdate = "alarm.update";
    public const string AlarmDelete = "alarm.delete";
    public const string MuteCreate = "mute.create";
    public const string MuteDelete = "mute.delete";
    public const string WebhookCreate = "webhook.create";
    public const string WebhookDelete = "webhook.delete";
    public const string BaselinePin = "baseline.pin";
    public const string BaselineUnpin = "baseline.unpin";
    public const string DriftBaselinePin = "drift.baseline.pin";
    public const string DriftBaselineClear = "drift.baseline.clear";
    public const string DriftBaselineDataSet = "drift.baseline.dataset";
    public const string DriftSettingSave = "drift.setting.save";
    public const string DriftSettingReset = "drift.setting.reset";
    public const string TrafficPropose = "traffic.propose";
    public const string TrafficApprove = "traffic.approve";
    public const string TrafficApply = "traffic.apply";
    public const string TrafficReject = "traffic.reject";
    public const string TrafficWithdraw = "traffic.withdraw";
    public const string TrafficFail = "traffic.fail";
    public const string DeploymentPropose = "deployment.propose";
    public const string DeploymentApprove = "deployment.approve";
    public const string DeploymentReject = "deployment.reject";
    public const string DeploymentWithdraw = "deployment.withdraw";
    public const string DeploymentStart = "deployment.start";
    public const string DeploymentDetect = "deployment.detect";
    public const string DeploymentAbort = "deployment.abort";
    public const string DeployWindowSave = "deploywindow.save";
    public const string DeployWindowDelete = "deploywindow.delete";
    public const string DeploymentApproveStep = "deployment.approve-step";
    public const string DeploymentPromote = "deployment.promote";
    public const string DeploymentRollBack = "deployment.rollback";
    public const string DeploymentFinish = "deployment.finish";
    public const string RetrainingPropose = "retraining.propose";
    public const string RetrainingApprove = "retraining.approve";
    public const string RetrainingReject = "retraining.reject";
    public const string RetrainingWithdraw = "retraining.withdraw";
    public const string RetrainingStart = "retraining.start";
    public const string RetrainingFinish = "retraining.finish";
    public const string UserCreate = "user.create";
    public const string UserRoles = "user.roles";
    public const string UserDelete = "user.delete";
    public const string SignInFailed = "signin.failed";
    public const string SignInLockedOut = "signin.lockout";
    public const string SignIn = "signin";
}
