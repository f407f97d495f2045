using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Security;

namespace Dashboard.Core.Alarms;

/// <summary>
/// Alarm definitions, their current states and their state history. Every change to a definition is written together
/// with its audit record (both or neither).
/// </summary>
public interface IAlarmStore
{
    Task<IReadOnlyList<AlarmEntry>> ListAsync(CancellationToken cancellationToken = default);

    Task<AlarmEntry?> FindAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Definitions and states without the stored explanations: what the worker reads each minute and validation on each change.</summary>
    Task<IReadOnlyList<AlarmEntry>> ListForEvaluationAsync(CancellationToken cancellationToken = default);

    /// <exception cref="AlarmConflictException">An alarm with the name exists (create) or does not (update, delete).</exception>
    Task CreateAsync(AlarmDefinition alarm, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Replaces the definition; the state is kept, as CloudWatch keeps it when an alarm is overwritten.</summary>
    Task UpdateAsync(AlarmDefinition alarm, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Deletes the definition and its state; its history stays searchable.</summary>
    Task DeleteAsync(string name, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores evaluations: an evaluation not newer than the alarm's last one is ignored (a repeated evaluation of the
    /// same minute changes nothing), a changed state becomes a transition. Returns the new transitions.
    /// </summary>
    Task<IReadOnlyList<AlarmTransition>> ApplyAsync(IReadOnlyList<AlarmOutcome> outcomes, CancellationToken cancellationToken = default);

    /// <summary>Records CloudWatch's own state of a mirrored alarm (or why mirroring failed).</summary>
    Task RecordCloudWatchAsync(string name, CloudWatchView view, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AlarmTransition>> HistoryAsync(AlarmHistoryFilter filter, CancellationToken cancellationToken = default);
}

public sealed class AlarmConflictException(string message) : Exception(message);

/// <summary>An alarm with its current status and who last changed it.</summary>
public sealed record AlarmEntry(AlarmDefinition Definition, AlarmStatus Status, string UpdatedBy, DateTimeOffset UpdatedAt);

/// <param name="Since">When the alarm entered <paramref name="State"/> (Unix seconds).</param>
/// <param name="EvaluatedAsOf">End of the newest period evaluated (Unix seconds); 0 before the first evaluation.</param>
public sealed record AlarmStatus(AlarmState State, long Since, string Reason, long EvaluatedAsOf, AlarmEvaluation? Evaluation,
    CloudWatchView? CloudWatch = null)
{
    public static AlarmStatus Initial(long now) => new(AlarmState.InsufficientData, now, "Not evaluated yet.", 0, null);
}

/// <summary>A mirrored alarm as CloudWatch reports it, or why mirroring or reading it back failed.</summary>
/// <param name="Since">CloudWatch's StateUpdatedTimestamp (Unix seconds), when known: when its state last changed.</param>
public sealed record CloudWatchView(AlarmState? State, string? Reason, long CheckedAt, string? Error = null, long? Since = null);

/// <summary>One evaluation to store. <paramref name="MutedBy"/> says why notifications are not sent (null: send).</summary>
public sealed record AlarmOutcome(string AlarmName, AlarmEvaluation Evaluation, string? MutedBy = null);

public sealed record AlarmTransition(long Id, string AlarmName, string? Endpoint, long Time, AlarmState OldState, AlarmState NewState,
    string Reason, AlarmEvaluation? Evaluation, string? MutedBy);

/// <summary>History search: all set filters must match; <see cref="Text"/> matches the alarm name or the reason.</summary>
public sealed record AlarmHistoryFilter
{
    public string? AlarmName { get; init; }
    public string? Endpoint { get; init; }
    public AlarmState? State { get; init; }
    public string? Text { get; init; }
    public long? From { get; init; }
    public long? To { get; init; }
    public int Limit { get; init; } = 500;
}
