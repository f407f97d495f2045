using Dashboard.Simulator.Scenario;

namespace Dashboard.Simulator.SageMaker.Monitoring;

/// <summary>
/// A monitoring schedule of the simulated account. Data-quality schedules (<see cref="Monitor"/> set) run every hour and
/// their executions follow the reports S3 holds; other schedules replay a fixed <see cref="History"/>.
/// </summary>
public sealed record SimulatedSchedule(string Name, EndpointProfile Endpoint, string Type, string Status, DateTimeOffset CreationTime,
    DateTimeOffset LastModifiedTime)
{
    public DriftMonitor? Monitor { get; init; }

    /// <summary>The separate job definition of a schedule that is not data quality.</summary>
    public string? JobDefinitionName { get; init; }

    public IReadOnlyList<SimulatedExecution> History { get; init; } = [];
}

/// <summary>
/// One execution: created a little after its scheduled hour, running from <see cref="StartTime"/> to <see cref="EndTime"/>
/// (when its reports land), then <see cref="Outcome"/>. <see cref="Violations"/> counts the violations its report lists.
/// </summary>
public sealed record SimulatedExecution(SimulatedSchedule Schedule, DateTimeOffset ScheduledTime, DateTimeOffset CreationTime,
    DateTimeOffset StartTime, DateTimeOffset EndTime, string Outcome, int Violations, string JobName)
{
    public string? FailureReason { get; init; }

    /// <summary>The status at <paramref name="now"/> (the execution exists from <see cref="CreationTime"/>).</summary>
    public string StatusAt(DateTimeOffset now) =>
        now < StartTime ? Core.SageMaker.MonitoringExecutionStatuses.Pending
        : now < EndTime ? Core.SageMaker.MonitoringExecutionStatuses.InProgress
        : Outcome;

    /// <summary>The last change: creation, start or end, whichever is the latest at <paramref name="now"/>.</summary>
    public DateTimeOffset LastModifiedAt(DateTimeOffset now) =>
        now < StartTime ? CreationTime : now < EndTime ? StartTime : EndTime.AddSeconds(1.5);
}
