using Dashboard.Core.Deployments;
using Dashboard.Core.Security;
using Dashboard.Storage.Audit;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Storage.Deployments;

/// <summary>
/// Deployments in SQLite; each change and its audit record share one transaction. The database keeps one open change per
/// endpoint whoever writes: a unique index allows one open deployment, and triggers refuse a deployment while a traffic
/// change is open and a traffic change while a deployment is (migration Deployments).
/// </summary>
public sealed class DeploymentStore(IDbContextFactory<DashboardDbContext> contexts, TimeProvider timeProvider) : IDeploymentStore
{
    public const string OpenIndex = "IX_Deployments_OneOpenPerEndpoint";

    /// <summary>The triggers' refusal of a second open change on one endpoint.</summary>
    public const string OpenChange = "endpoint has an open change";

    /// <summary>The statuses the open index and triggers cover.</summary>
    public static readonly IReadOnlyList<string> OpenStatuses = ["Proposed", "Approved", "Deploying", "RollingBack"];


    public async Task<Deployment> AddAsync(Deployment deployment, string action, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        try
        {
            return await AuditAppender.SaveAsync<Deployment>(contexts, timeProvider, actor, (db, _) =>
            {
                var row = new StoredDeployment
                {
                    Endpoint = deployment.Endpoint,
                    Status = deployment.Status.ToString(),
                    Strategy = deployment.Plan.Strategy.ToString(),
                    Plan = DeploymentAudit.Serialize(deployment.Plan),
                    Reason = deployment.Reason,
                    ProposedBy = deployment.ProposedBy,
                    ProposedAt = deployment.ProposedAt.ToUnixTimeSeconds(),
                };
                Write(row, deployment);
                db.Deployments.Add(row);
                return Task.FromResult<Func<(Deployment, Core.Audit.AuditEvent?)>>(() =>
                {
                    var stored = ToDeployment(row);
                    return (stored, DeploymentAudit.ToEvent(action, null, stored));
                });
            }, cancellationToken);
        }
        catch (DbUpdateException e) when (ConstraintErrors.IsUnique(e, "Deployments.Endpoint", OpenIndex) || ConstraintErrors.IsRefusal(e, OpenChange))
        {
            throw new DeploymentConflictException($"{deployment.Endpoint} already has an open deployment or traffic change; "
                + "it must finish, be decided or be withdrawn first.");
        }
    }

    public async Task<Deployment> MoveAsync(Deployment next, DeploymentStatus from, string? action, Actor actor,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await AuditAppender.SaveAsync<Deployment>(contexts, timeProvider, actor, async (db, _) =>
            {
                var row = await db.Deployments.Include(d => d.Steps).SingleOrDefaultAsync(d => d.Id == next.Id, cancellationToken)
                    ?? throw new DeploymentConflictException($"There is no deployment #{next.Id}.");
                var before = ToDeployment(row);
                // UPDATE … WHERE Id = @id AND Status = @from: only a deployment still in `from` moves, whatever was read.
                db.Entry(row).Property(d => d.Status).OriginalValue = from.ToString();
                row.Status = next.Status.ToString();
                Write(row, next);
                var stored = ToDeployment(row);
                return () => (stored, action is null ? null : DeploymentAudit.ToEvent(action, before, stored));
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await FindAsync(next.Id, cancellationToken);
            throw new DeploymentConflictException(current is null ? $"There is no deployment #{next.Id}."
                : $"Deployment #{next.Id} is {Deployment.StatusText(current.Status).ToLowerInvariant()} now; reload to see it.");
        }
    }

    public async Task<Deployment?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Deployments.AsNoTracking().Include(d => d.Steps).SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        return row is null ? null : ToDeployment(row);
    }

    public async Task<IReadOnlyList<Deployment>> ListAsync(IReadOnlyCollection<DeploymentStatus> statuses, int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var names = statuses.Select(s => s.ToString()).ToList();
        var rows = await db.Deployments.AsNoTracking().Include(d => d.Steps)
            .Where(d => names.Count == 0 || names.Contains(d.Status))
            .OrderByDescending(d => d.Id).Take(limit).ToListAsync(cancellationToken);
        return rows.Select(ToDeployment).ToList();
    }

    public async Task<IReadOnlyList<Deployment>> ListAsync(string endpoint, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Deployments.AsNoTracking().Include(d => d.Steps).Where(d => d.Endpoint == endpoint)
            .OrderByDescending(d => d.Id).Take(limit).ToListAsync(cancellationToken);
        return rows.Select(ToDeployment).ToList();
    }

    public async Task<IReadOnlyList<Deployment>> ListAlarmsLeftAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Deployments.AsNoTracking().Include(d => d.Steps)
            .Where(d => d.AbortAlarm != null && d.AlarmsDeletedAt == null && !OpenStatuses.Contains(d.Status))
            .OrderBy(d => d.Id).Take(limit).ToListAsync(cancellationToken);
        return rows.Select(ToDeployment).ToList();
    }

    public async Task<IReadOnlyList<Deployment>> ListFromAsync(long firstId, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Deployments.AsNoTracking().Include(d => d.Steps).Where(d => d.Id >= firstId)
            .OrderBy(d => d.Id).Take(limit).ToListAsync(cancellationToken);
        return rows.Select(ToDeployment).ToList();
    }

    /// <summary>Everything that changes after the proposal: decision, configs, progress, outcome, and the steps.</summary>
    private static void Write(StoredDeployment row, Deployment deployment)
    {
        row.StartedOutside = deployment.StartedOutside;
        row.DecidedBy = deployment.DecidedBy;
        row.DecidedAt = deployment.DecidedAt?.ToUnixTimeSeconds();
        row.DecisionNote = deployment.DecisionNote;
        row.OldConfig = deployment.OldConfig;
        row.NewConfig = deployment.NewConfig;
        row.ConfigCreatedAt = deployment.ConfigCreatedAt?.ToUnixTimeSeconds();
        row.UpdateRequestedAt = deployment.UpdateRequestedAt?.ToUnixTimeSeconds();
        row.StartedAt = deployment.StartedAt?.ToUnixTimeSeconds();
        row.FinishedAt = deployment.FinishedAt?.ToUnixTimeSeconds();
        row.Outcome = deployment.Outcome;
        row.AbortAlarm = deployment.AbortAlarm;
        row.AlarmsDeletedAt = deployment.AlarmsDeletedAt?.ToUnixTimeSeconds();
        row.AbortedBy = deployment.AbortedBy;
        row.AbortedAt = deployment.AbortedAt?.ToUnixTimeSeconds();
        foreach (var step in deployment.Steps)
        {
            var stored = row.Steps.FirstOrDefault(s => s.Index == step.Index);
            if (stored is null)
            {
                stored = new StoredDeploymentStep { Index = step.Index, Name = step.Name, State = "" };
                row.Steps.Add(stored);
            }
            stored.Name = step.Name;
            stored.Share = step.Share;
            stored.HoldSeconds = step.HoldSeconds;
            stored.State = step.State.ToString();
            stored.StartedAt = step.StartedAt?.ToUnixTimeSeconds();
            stored.EndedAt = step.EndedAt?.ToUnixTimeSeconds();
            stored.Note = step.Note;
        }
    }

    private static Deployment ToDeployment(StoredDeployment row) =>
        new(row.Id, DeploymentAudit.Deserialize<DeploymentPlan>(row.Plan), row.Reason, Enum.Parse<DeploymentStatus>(row.Status), row.ProposedBy,
            DateTimeOffset.FromUnixTimeSeconds(row.ProposedAt),
            row.Steps.OrderBy(s => s.Index).Select(s => new DeploymentStep(s.Index, s.Name, s.Share, s.HoldSeconds, Enum.Parse<StepState>(s.State),
                Time(s.StartedAt), Time(s.EndedAt), s.Note)).ToList())
        {
            StartedOutside = row.StartedOutside,
            DecidedBy = row.DecidedBy,
            DecidedAt = Time(row.DecidedAt),
            DecisionNote = row.DecisionNote,
            OldConfig = row.OldConfig,
            NewConfig = row.NewConfig,
            ConfigCreatedAt = Time(row.ConfigCreatedAt),
            UpdateRequestedAt = Time(row.UpdateRequestedAt),
            StartedAt = Time(row.StartedAt),
            FinishedAt = Time(row.FinishedAt),
            Outcome = row.Outcome,
            AbortAlarm = row.AbortAlarm,
            AlarmsDeletedAt = Time(row.AlarmsDeletedAt),
            AbortedBy = row.AbortedBy,
            AbortedAt = Time(row.AbortedAt),
        };

    private static DateTimeOffset? Time(long? seconds) => seconds is { } s ? DateTimeOffset.FromUnixTimeSeconds(s) : null;
}
