namespace Dashboard.Simulator.Deployments;

/// <summary>What the new fleet is doing: being created, taking a share of traffic, or baking under watch.</summary>
public enum DeploymentPhaseKind
{
    Provisioning,
    ActivatingTraffic,
    Baking,
}

/// <summary>
/// One stretch of a deployment's timeline. <see cref="GreenShare"/> is the new fleet's share of each variant's traffic
/// from <see cref="Start"/> on; alarms are watched during Baking.
/// </summary>
public sealed record DeploymentPhase(DeploymentPhaseKind Kind, DateTimeOffset Start, DateTimeOffset End, double GreenShare, string Message)
{
    public bool Watched => Kind == DeploymentPhaseKind.Baking;
}

/// <summary>Why and how a deployment went back to its old config.</summary>
public sealed record RollbackDecision(DateTimeOffset At, string Cause, double ShareAtRollback, bool Failed, bool Silent);
