using System.Collections.Concurrent;
using System.Data.Common;
using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;
using Dashboard.Core.Audit;
using Dashboard.Core.Security;
using Dashboard.Storage.Audit;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Storage.Alarms;

/// <summary>Alarm definitions, states and transitions in SQLite; definition changes and their audit records share a transaction.</summary>
public sealed class AlarmStore(IDbContextFactory<DashboardDbContext> contexts, TimeProvider timeProvider) : IAlarmStore
{
    // The worker lists every alarm each minute: definitions are parsed once per version, not once per minute.
    private readonly ConcurrentDictionary<long, (string Json, AlarmDefinition Definition)> _parsed = new();

    public async Task<IReadOnlyList<AlarmEntry>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Alarms.AsNoTracking().Include(a => a.State).OrderBy(a => a.Name).ToListAsync(cancellationToken);
        return rows.Select(ToEntry).ToList();
    }

    public async Task<AlarmEntry?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Alarms.AsNoTracking().Include(a => a.State).SingleOrDefaultAsync(a => a.Name == name, cancellationToken);
        return row is null ? null : ToEntry(row);
    }

    public async Task<IReadOnlyList<AlarmEntry>> ListForEvaluationAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Alarms.AsNoTracking()
            .Select(a => new
            {
                a.Id,
                a.Definition,
                a.UpdatedAt,
                a.UpdatedBy,
                a.CreatedAt,
                State = a.State == null ? null : a.State.State,
                Since = a.State == null ? 0 : a.State.Since,
                Reason = a.State == null ? null : a.State.Reason,
                EvaluatedAsOf = a.State == null ? 0 : a.State.EvaluatedAsOf,
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r =>
        {
            var definition = _parsed.TryGetValue(r.Id, out var cached) && cached.Json == r.Definition
                ? cached.Definition
                : (_parsed[r.Id] = (r.Definition, AlarmJson.Deserialize<AlarmDefinition>(r.Definition))).Definition;
            var status = r.State is null
                ? AlarmStatus.Initial(r.CreatedAt)
                : new AlarmStatus(Enum.Parse<AlarmState>(r.State), r.Since, r.Reason ?? "", r.EvaluatedAsOf, null);
            return new AlarmEntry(definition, status, r.UpdatedBy, DateTimeOffset.FromUnixTimeSeconds(r.UpdatedAt));
        }).ToList();
    }

    public Task CreateAsync(AlarmDefinition alarm, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        return AuditAppender.SaveAsync<bool>(contexts, timeProvider, actor, async (db, now) =>
        {
            if (await db.Alarms.AnyAsync(a => a.Name == alarm.Name, cancellationToken))
            {
                throw new AlarmConflictException($"An alarm named '{alarm.Name}' already exists.");
            }
            var json = AlarmJson.Serialize(alarm);
            var initial = AlarmStatus.Initial(now.ToUnixTimeSeconds());
            db.Alarms.Add(new StoredAlarm
            {
                Name = alarm.Name,
                Kind = alarm.Kind.ToString(),
                Endpoint = alarm.Endpoint,
                Definition = json,
                CreatedBy = actor.UserName,
                CreatedAt = now.ToUnixTimeSeconds(),
                UpdatedBy = actor.UserName,
                UpdatedAt = now.ToUnixTimeSeconds(),
                State = new StoredAlarmState { State = initial.State.ToString(), Since = initial.Since, Reason = initial.Reason },
            });
            return () => (true, new AuditEvent(AuditActions.AlarmCreate, alarm.Name, alarm.Endpoint, After: json));
        }, cancellationToken);
    }

    public Task UpdateAsync(AlarmDefinition alarm, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        return AuditAppender.SaveAsync<bool>(contexts, timeProvider, actor, async (db, now) =>
        {
            var row = await db.Alarms.SingleOrDefaultAsync(a => a.Name == alarm.Name, cancellationToken)
                ?? throw new AlarmConflictException($"There is no alarm named '{alarm.Name}'; it may have been deleted.");
            var before = row.Definition;
            row.Kind = alarm.Kind.ToString();
            row.Endpoint = alarm.Endpoint;
            row.Definition = AlarmJson.Serialize(alarm);
            row.UpdatedBy = actor.UserName;
            row.UpdatedAt = now.ToUnixTimeSeconds();
            return () => (true, new AuditEvent(AuditActions.AlarmUpdate, alarm.Name, alarm.Endpoint, before, row.Definition));
        }, cancellationToken);
    }

    public Task DeleteAsync(string name, Actor actor, CancellationToken cancellationToken = default) =>
        AuditAppender.SaveAsync<bool>(contexts, timeProvider, actor, async (db, _) =>
        {
            var row = await db.Alarms.SingleOrDefaultAsync(a => a.Name == name, cancellationToken)
                ?? throw new AlarmConflictException($"There is no alarm named '{name}'; it may have been deleted already.");
            db.Alarms.Remove(row);
            return () => (true, new AuditEvent(AuditActions.AlarmDelete, name, row.Endpoint, Before: row.Definition));
        }, cancellationToken);

    public async Task<IReadOnlyList<AlarmTransition>> ApplyAsync(IReadOnlyList<AlarmOutcome> outcomes, CancellationToken cancellationToken = default)
    {
        if (outcomes.Count == 0)
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var names = outcomes.Select(o => o.AlarmName).Distinct().ToList();
        var current = await db.Alarms.AsNoTracking().Where(a => names.Contains(a.Name) && a.State != null)
            .Select(a => new CurrentState(a.Id, a.Name, a.Endpoint, a.State!.State, a.State.Since, a.State.EvaluatedAsOf))
            .ToDictionaryAsync(a => a.Name, cancellationToken);

        // Thousands of alarms are evaluated each minute: plain prepared statements rather than EF change tracking (quoted
        // names and @parameters read the same on SQLite and PostgreSQL).
        var connection = db.Database.GetDbConnection();
        var dbTransaction = transaction.GetDbTransaction();
        using var update = Command(connection, dbTransaction,
            """
            UPDATE "AlarmStates" SET "State" = @state, "Since" = @since, "Reason" = @reason, "EvaluatedAsOf" = @asOf, "Evaluation" = @evaluation
            WHERE "AlarmId" = @id
            """,
            "@state", "@since", "@reason", "@asOf", "@evaluation", "@id");
        using var insert = Command(connection, dbTransaction,
            """
            INSERT INTO "AlarmTransitions" ("AlarmId", "AlarmName", "Endpoint", "Time", "OldState", "NewState", "Reason", "Evaluation", "MutedBy")
            VALUES (@id, @name, @endpoint, @time, @old, @new, @reason, @evaluation, @muted) RETURNING "Id"
            """,
            "@id", "@name", "@endpoint", "@time", "@old", "@new", "@reason", "@evaluation", "@muted");

        var added = new List<AlarmTransition>();
        foreach (var outcome in outcomes)
        {
            // An alarm deleted since it was read is not evaluated any more; an evaluation not newer than the stored one is a repeat.
            var evaluation = outcome.Evaluation;
            if (!current.TryGetValue(outcome.AlarmName, out var state) || evaluation.AsOf <= state.EvaluatedAsOf)
            {
                continue;
            }
            var json = AlarmJson.Serialize(evaluation);
            var newState = evaluation.State.ToString();
            var since = state.Since;
            if (newState != state.State)
            {
                since = evaluation.AsOf;
                Bind(insert, state.Id, state.Name, state.Endpoint, evaluation.AsOf, state.State, newState, evaluation.Reason, json, outcome.MutedBy);
                var id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
                added.Add(new AlarmTransition(id, state.Name, state.Endpoint, evaluation.AsOf, Enum.Parse<AlarmState>(state.State), evaluation.State,
                    evaluation.Reason, evaluation, outcome.MutedBy));
            }
            Bind(update, newState, since, evaluation.Reason, evaluation.AsOf, json, state.Id);
            await update.ExecuteNonQueryAsync(cancellationToken);
            current[outcome.AlarmName] = state with { State = newState, Since = since, EvaluatedAsOf = evaluation.AsOf };
        }

        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    private sealed record CurrentState(long Id, string Name, string? Endpoint, string State, long Since, long EvaluatedAsOf);

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static void Bind(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    public async Task RecordCloudWatchAsync(string name, CloudWatchView view, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var state = await db.AlarmStates.SingleOrDefaultAsync(s => db.Alarms.Any(a => a.Id == s.AlarmId && a.Name == name), cancellationToken);
        if (state is null)
        {
            return;
        }
        state.CloudWatchState = view.State?.ToString();
        state.CloudWatchReason = view.Reason;
        state.CloudWatchCheckedAt = view.CheckedAt;
        state.CloudWatchSince = view.Since;
        state.MirrorError = view.Error;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AlarmTransition>> HistoryAsync(AlarmHistoryFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.AlarmTransitions.AsNoTracking();
        if (filter.AlarmName is { Length: > 0 } alarmName)
        {
            query = query.Where(t => t.AlarmName == alarmName);
        }
        if (filter.Endpoint is { Length: > 0 } endpoint)
        {
            query = query.Where(t => t.Endpoint == endpoint);
        }
        if (filter.State is { } stateFilter)
        {
            var wanted = stateFilter.ToString();
            query = query.Where(t => t.NewState == wanted);
        }
        if (filter.Text is { Length: > 0 } text)
        {
            query = query.Where(TextMatch.Any<StoredAlarmTransition>(db.Database, TextMatch.Containing(text), t => t.AlarmName, t => t.Reason));
        }
        if (filter.From is { } from)
        {
            query = query.Where(t => t.Time >= from);
        }
        if (filter.To is { } to)
        {
            query = query.Where(t => t.Time < to);
        }
        var rows = await query.OrderByDescending(t => t.Time).ThenByDescending(t => t.Id).Take(filter.Limit).ToListAsync(cancellationToken);
        return rows.Select(r => ToTransition(r, r.Evaluation is null ? null : AlarmJson.Deserialize<AlarmEvaluation>(r.Evaluation))).ToList();
    }

    private static AlarmEntry ToEntry(StoredAlarm row)
    {
        var definition = AlarmJson.Deserialize<AlarmDefinition>(row.Definition);
        var state = row.State;
        var status = state is null
            ? AlarmStatus.Initial(row.CreatedAt)
            : new AlarmStatus(Enum.Parse<AlarmState>(state.State), state.Since, state.Reason, state.EvaluatedAsOf,
                state.Evaluation is null ? null : AlarmJson.Deserialize<AlarmEvaluation>(state.Evaluation),
                state.CloudWatchCheckedAt is { } checkedAt
                    ? new CloudWatchView(state.CloudWatchState is null ? null : Enum.Parse<AlarmState>(state.CloudWatchState),
                        state.CloudWatchReason, checkedAt, state.MirrorError, state.CloudWatchSince)
                    : null);
        return new AlarmEntry(definition, status, row.UpdatedBy, DateTimeOffset.FromUnixTimeSeconds(row.UpdatedAt));
    }

    private static AlarmTransition ToTransition(StoredAlarmTransition row, AlarmEvaluation? evaluation) =>
        new(row.Id, row.AlarmName, row.Endpoint, row.Time, Enum.Parse<AlarmState>(row.OldState), Enum.Parse<AlarmState>(row.NewState),
            row.Reason, evaluation, row.MutedBy);
}
