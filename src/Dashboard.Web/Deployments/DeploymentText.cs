using Dashboard.Core.Deployments;
using MudBlazor;

namespace Dashboard.Web.Deployments;

/// <summary>How a deployment's status and steps look on every page that shows one.</summary>
public static class DeploymentText
{
    public static Color StatusColor(DeploymentStatus status) => status switch
    {
        DeploymentStatus.Succeeded => Color.Success,
        DeploymentStatus.Proposed or DeploymentStatus.Approved => Color.Info,
        DeploymentStatus.Deploying => Color.Primary,
        DeploymentStatus.RollingBack or DeploymentStatus.RolledBack or DeploymentStatus.TimedOut => Color.Warning,
        DeploymentStatus.RollbackFailed or DeploymentStatus.Failed => Color.Error,
        _ => Color.Default,
    };

    public static Color StepColor(StepState state) => state switch
    {
        StepState.Done => Color.Success,
        StepState.Running => Color.Primary,
        StepState.WaitingForApproval => Color.Warning,
        StepState.Failed => Color.Error,
        _ => Color.Default,
    };

    public static string StepIcon(StepState state) => state switch
    {
        StepState.Done => Icons.Material.Filled.CheckCircle,
        StepState.Running => Icons.Material.Filled.PlayCircle,
        StepState.WaitingForApproval => Icons.Material.Filled.PauseCircle,
        StepState.Failed => Icons.Material.Filled.Cancel,
        _ => Icons.Material.Outlined.Circle,
    };

    /// <summary>"held 10 min", "bake 10 min", "" for steps that hold nothing.</summary>
    public static string Hold(DeploymentStep step) => step.HoldSeconds <= 0 ? "" : $"held {DeploymentPlan.Duration(step.HoldSeconds)}";
}
