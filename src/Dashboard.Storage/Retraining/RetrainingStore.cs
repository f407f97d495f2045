using Dashboard.Core.Retraining;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Dashboard.Storage.Alarms;
using Dashboard.Storage.Audit;
using Dashboard.Storage.DeploymentNotices;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Storage.Retraining;

/// <summary>
/// Retraining runs in SQLite. Each action is one transaction: the run, its audit record, its notice (a row of the
/// deployment notices with subject Retraining) and that notice's deliveries in the webhooks' one queue. A unique index
/// keeps one open run per endpoint; Status is the concurrency token, so only one writer moves a run out of a status.
/// </summary>
public sealed class RetrainingStore(IDbContextFactory<DashboardDbContext> contexts, TimeProvider timeProvider) : IRetrainingStore
{
    public const string OpenIndex = "IX_RetrainingRuns_OneOpenPerEndpoint";

    private const int MaxNoticeLength = 2000;

    public async Task<RetrainingRun> AddAsync(RetrainingRun proposal, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        try
        {
            return await SaveAsync(actor, Core.Audit.AuditActions.RetrainingPropose, (db, _) =>
            {
                var row = new StoredRetrainingRun
                {
                    Endpoint = proposal.Endpoint,
                    Pipeline = proposal.Pipeline,
                    Parameters = RetrainingAudit.Serialize(proposal.Parameters),
                    FindingKind = proposal.FindingKind.ToString(),
                    Finding = proposal.Finding,
                    Reason = proposal.Reason,
                    Status = nameof(RetrainingStatus.Proposed),
                    ProposedBy = proposal.ProposedBy,
                    ProposedAt = proposal.ProposedAt.ToUnixTimeSeconds(),
                    Steps = "[]",
                };
                db.RetrainingRuns.Add(row);
                return Task.FromResult<Func<(RetrainingRun?, RetrainingRun)>>(() => (null, ToRun(row)));
            }, cancellationToken);
        }
        catch (DbUpdateException e) when (ConstraintErrors.IsUnique(e, "RetrainingRuns.Endpoint", OpenIndex))
        {
            throw new RetrainingConflictException($"{proposal.Endpoint} already has an open retraining run; it must finish, be decided or be withdrawn first.");
        }
    }

    public async Task<RetrainingRun> MoveAsync(RetrainingRun next, RetrainingStatus from, string? action, Actor actor,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await SaveAsync(actor, action, async (db, _) =>
            {
                var row = await db.RetrainingRuns.SingleOrDefaultAsync(r => r.Id == next.Id, cancellationToken)
                    ?? throw new RetrainingConflictException($"There is no retraining #{next.Id}.");
                var before = ToRun(row);
                // UPDATE … WHERE Id = @id AND Status = @from: only a run still in `from` moves, whatever was read.
                db.Entry(row).Property(r => r.Status).OriginalValue = from.ToString();
                row.Status = next.Status.ToString();
                row.DecidedBy = next.DecidedBy;
                row.DecidedAt = next.DecidedAt?.ToUnixTimeSeconds();
                row.DecisionNote = next.DecisionNote;
                row.StartRequestedAt = next.StartRequestedAt?.ToUnixTimeSeconds();
                row.ExecutionArn = next.ExecutionArn;
                row.ExecutionStatus = next.ExecutionStatus;
                row.StartedAt = next.StartedAt?.ToUnixTimeSeconds();
                row.FinishedAt = next.FinishedAt?.ToUnixTimeSeconds();
                row.Steps = RetrainingAudit.Serialize(next.Steps);
                row.Outcome = next.Outcome;
                row.ModelName = next.ModelName;
                return () => (before, ToRun(row));
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            var now = await FindAsync(next.Id, cancellationToken);
            throw new RetrainingConflictException(now?.Decided ?? $"There is no retraining #{next.Id}.");
        }
    }

    public async Task<RetrainingRun?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.RetrainingRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return row is null ? null : ToRun(row);
    }

    public async Task<IReadOnlyList<RetrainingRun>> ListAsync(IReadOnlyCollection<RetrainingStatus> statuses, int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        var names = statuses.Select(s => s.ToString()).ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.RetrainingRuns.AsNoTracking().Where(r => names.Count == 0 || names.Contains(r.Status))
            .OrderByDescending(r => r.Id).Take(limit).ToListAsync(cancellationToken);
        return rows.Select(ToRun).ToList();
    }

    public async Task<IReadOnlyList<RetrainingRun>> ListAsync(string endpoint, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.RetrainingRuns.AsNoTracking().Where(r => r.Endpoint == endpoint)
            .OrderByDescending(r => r.Id).Take(limit).ToListAsync(cancellationToken);
        return rows.Select(ToRun).ToList();
    }

    /// <summary>
    /// A new context and transaction: <paramref name="change"/> makes the change and returns the run before and after;
    /// with an action, its audit record, its notice and the notice's deliveries are added; all commit together.
    /// </summary>
    private async Task<RetrainingRun> SaveAsync(Actor actor, string? action,
        Func<DashboardDbContext, DateTimeOffset, Task<Func<(RetrainingRun? Before, RetrainingRun After)>>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = timeProvider.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var saved = await change(db, now);
        await db.SaveChangesAsync(cancellationToken);
        var (before, after) = saved();
        if (action is not null)
        {
            await AuditAppender.AddAsync(db, actor, RetrainingAudit.ToEvent(action, before, after), now, cancellationToken);
            if (RetrainingNotices.For(action, after, now) is { } notice)
            {
                var row = new StoredDeploymentNotice
                {
                    Subject = notice.Subject.ToString(),
                    DeploymentId = notice.DeploymentId,
                    Endpoint = notice.Endpoint,
                    Key = notice.Key,
                    Kind = notice.Kind.ToString(),
                    Time = notice.Time.ToUnixTimeSeconds(),
                    Headline = Cut(notice.Headline)!,
                    Detail = Cut(notice.Detail),
                };
                db.DeploymentNotices.Add(row);
                await db.SaveChangesAsync(cancellationToken);
                var webhooks = await db.Webhooks.Where(w => w.Enabled).Select(w => w.Id).ToListAsync(cancellationToken);
                db.Deliveries.AddRange(webhooks.Select(webhook => StoredDelivery.OfNotice(webhook, row.Id, now.ToUnixTimeSeconds())));
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return after;
    }

    private static RetrainingRun ToRun(StoredRetrainingRun row) =>
        new(row.Id, row.Endpoint, row.Pipeline, RetrainingAudit.Deserialize<List<PipelineParameter>>(row.Parameters),
            Enum.Parse<FindingKind>(row.FindingKind), row.Finding, row.Reason, Enum.Parse<RetrainingStatus>(row.Status), row.ProposedBy,
            DateTimeOffset.FromUnixTimeSeconds(row.ProposedAt))
        {
            DecidedBy = row.DecidedBy,
            DecidedAt = Time(row.DecidedAt),
            DecisionNote = row.DecisionNote,
            StartRequestedAt = Time(row.StartRequestedAt),
            ExecutionArn = row.ExecutionArn,
            ExecutionStatus = row.ExecutionStatus,
            StartedAt = Time(row.StartedAt),
            FinishedAt = Time(row.FinishedAt),
            Steps = RetrainingAudit.Deserialize<List<RetrainingStep>>(row.Steps),
            Outcome = row.Outcome,
            ModelName = row.ModelName,
        };

    private static DateTimeOffset? Time(long? seconds) => seconds is { } s ? DateTimeOffset.FromUnixTimeSeconds(s) : null;

    private static string? Cut(string? text) => text is { Length: > MaxNoticeLength } ? text[..(MaxNoticeLength - 1)] + "…" : text;
}
