using Dashboard.Core.Alarms;
using Dashboard.Core.Audit;
using Dashboard.Core.Security;
using Dashboard.Storage.Audit;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Storage.Alarms;

/// <summary>Alarm definitions, states and transitions in SQLite; definition changes and their audit records share a transaction.</summary>
public sealed class AlarmStore(IDbContextFactory<DashboardDbContext> contexts, TimeProvider timeProvider) : IAlarmStore
{
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

    public async Task CreateAsync(AlarmDefinition alarm, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        var now = timeProvider.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
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
        await AuditAppender.AddAsync(db, actor, new AuditEvent(AuditActions.AlarmCreate, alarm.Name, alarm.Endpoint, After: json), now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task UpdateAsync(AlarmDefinition alarm, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        var now = timeProvider.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.Alarms.SingleOrDefaultAsync(a => a.Name == alarm.Name, cancellationToken)
            ?? throw new AlarmConflictException($"There is no alarm named '{alarm.Name}'; it may have been deleted.");

        var before = row.Definition;
        row.Kind = alarm.Kind.ToString();
        row.Endpoint = alarm.Endpoint;
        row.Definition = AlarmJson.Serialize(alarm);
        row.UpdatedBy = actor.UserName;
        row.UpdatedAt = now.ToUnixTimeSeconds();
        await AuditAppender.AddAsync(db, actor, new AuditEvent(AuditActions.AlarmUpdate, alarm.Name, alarm.Endpoint, before, row.Definition),
            now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task DeleteAsync(string name, Actor actor, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.Alarms.SingleOrDefaultAsync(a => a.Name == name, cancellationToken)
            ?? throw new AlarmConflictException($"There is no alarm named '{name}'; it may have been deleted already.");

        db.Alarms.Remove(row);
        await AuditAppender.AddAsync(db, actor, new AuditEvent(AuditActions.AlarmDelete, name, row.Endpoint, Before: row.Definition),
            now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AlarmTransition>> ApplyAsync(IReadOnlyList<AlarmOutcome> outcomes, CancellationToken cancellationToken = default)
    {
        if (outcomes.Count == 0)
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var names = outcomes.Select(o => o.AlarmName).ToHashSet(StringComparer.Ordinal);
        var rows = await db.Alarms.Include(a => a.State).Where(a => names.Contains(a.Name)).ToDictionaryAsync(a => a.Name, cancellationToken);

        var added = new List<(StoredAlarmTransition Row, AlarmEvaluation Evaluation)>();
        foreach (var outcome in outcomes)
        {
            // An alarm deleted since it was read is not evaluated any more.
            if (!rows.TryGetValue(outcome.AlarmName, out var alarm) || alarm.State is not { } state)
            {
                continue;
            }
            var evaluation = outcome.Evaluation;
            if (evaluation.AsOf <= state.EvaluatedAsOf)
            {
                continue;
            }

            var newState = evaluation.State.ToString();
            var json = AlarmJson.Serialize(evaluation);
            if (newState != state.State)
            {
                var transition = new StoredAlarmTransition
                {
                    AlarmId = alarm.Id,
                    AlarmName = alarm.Name,
                    Endpoint = alarm.Endpoint,
                    Time = evaluation.AsOf,
                    OldState = state.State,
                    NewState = newState,
                    Reason = evaluation.Reason,
                    Evaluation = json,
                    MutedBy = outcome.MutedBy,
                };
                db.AlarmTransitions.Add(transition);
                added.Add((transition, evaluation));
                state.State = newState;
                state.Since = evaluation.AsOf;
            }
            state.Reason = evaluation.Reason;
            state.EvaluatedAsOf = evaluation.AsOf;
            state.Evaluation = json;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return added.Select(a => ToTransition(a.Row, a.Evaluation)).ToList();
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
            var pattern = $"%{text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";
            query = query.Where(t => EF.Functions.Like(t.AlarmName, pattern, "\\") || EF.Functions.Like(t.Reason, pattern, "\\"));
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
                        state.CloudWatchReason, checkedAt, state.MirrorError)
                    : null);
        return new AlarmEntry(definition, status, row.UpdatedBy, DateTimeOffset.FromUnixTimeSeconds(row.UpdatedAt));
    }

    private static AlarmTransition ToTransition(StoredAlarmTransition row, AlarmEvaluation? evaluation) =>
        new(row.Id, row.AlarmName, row.Endpoint, row.Time, Enum.Parse<AlarmState>(row.OldState), Enum.Parse<AlarmState>(row.NewState),
            row.Reason, evaluation, row.MutedBy);
}
