using Dashboard.Core.Workers;

namespace Dashboard.Core.Deployments;

/// <summary>Wakes the deployment tracker when a deployment is approved, so it starts within moments rather than at its next round.</summary>
public sealed class DeploymentSignal : WakeUpSignal;
