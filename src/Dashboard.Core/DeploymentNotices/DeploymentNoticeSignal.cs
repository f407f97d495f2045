using Dashboard.Core.Workers;

namespace Dashboard.Core.DeploymentNotices;

/// <summary>Wakes the deployment notice dispatcher when deliveries are queued.</summary>
public sealed class DeploymentNoticeSignal : WakeUpSignal;
