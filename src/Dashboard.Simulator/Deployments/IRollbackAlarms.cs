namespace Dashboard.Simulator.Deployments;

/// <summary>The simulated CloudWatch's alarm states, as a deployment's AutoRollbackConfiguration reads them.</summary>
public interface IRollbackAlarms
{
    /// <summary>Runs the alarm evaluations due up to <paramref name="now"/>, so the states up to then are final.</summary>
    void CatchUp(DateTimeOffset now);

    /// <summary>The latest moment caught up to: alarm states before it are final.</summary>
    DateTimeOffset CaughtUpTo { get; }

    /// <summary>
    /// The first moment in [<paramref name="from"/>, <paramref name="until"/>) at which one of the alarms was in ALARM
    /// (already at <paramref name="from"/>, or from a later transition, a SetAlarmState flip included), and which alarm.
    /// </summary>
    (string Alarm, DateTimeOffset At)? FirstInAlarm(IReadOnlyCollection<string> names, DateTimeOffset from, DateTimeOffset until);
}

/// <summary>The fault switches that change how rollbacks end (Simulator:Faults).</summary>
public interface IDeploymentFaults
{
    /// <summary>True once after FailNextRollback was set: that rollback ends in UpdateRollbackFailed.</summary>
    bool TakeRollbackFailure();

    /// <summary>Rollbacks end InService on the old config with no FailureReason.</summary>
    bool SilentRollbacks { get; }
}

/// <summary>What deployments consult while they run; set once the simulated CloudWatch and the faults exist.</summary>
public sealed class DeploymentContext
{
    public IRollbackAlarms? Alarms { get; set; }

    public IDeploymentFaults? Faults { get; set; }
}
