using Dashboard.Core.Retraining;
using Dashboard.Core.Security;

namespace Dashboard.Tests.Shared;

/// <summary>
/// Retraining runs in memory with the stored rules that matter to callers: one open run per endpoint, and a move applies
/// only to a run still in the status it moves from. Records each action with its actor (the audit trail's view).
/// </summary>
internal sealed class FakeRetrainingStore : IRetrainingStore
{
    private readonly object _gate = new();
    private readonly Dictionary<long, RetrainingRun> _runs = [];

    /// <summary>(action, run id, actor) of every audited store, in order.</summary>
    public List<(string Action, long Id, string Actor)> Actions { get; } = [];

    public Task<RetrainingRun> AddAsync(RetrainingRun proposal, Actor actor, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_runs.Values.Any(r => r.Endpoint == proposal.Endpoint && r.IsOpen))
            {
                throw new RetrainingConflictException($"{proposal.Endpoint} already has an open retraining run.");
            }
            var stored = proposal with { Id = _runs.Count + 1 };
            _runs[stored.Id] = stored;
            Actions.Add((Dashboard.Core.Audit.AuditActions.RetrainingPropose, stored.Id, actor.UserName));
            return Task.FromResult(stored);
        }
    }

    public Task<RetrainingRun> MoveAsync(RetrainingRun next, RetrainingStatus from, string? action, Actor actor, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_runs.TryGetValue(next.Id, out var current) || current.Status != from)
            {
                throw new RetrainingConflictException(current?.Decided ?? $"There is no retraining #{next.Id}.");
            }
            _runs[next.Id] = next;
            if (action is not null)
            {
                Actions.Add((action, next.Id, actor.UserName));
            }
            return Task.FromResult(next);
        }
    }

    public Task<RetrainingRun?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_runs.GetValueOrDefault(id));
        }
    }

    public Task<IReadOnlyList<RetrainingRun>> ListAsync(IReadOnlyCollection<RetrainingStatus> statuses, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<RetrainingRun>>(_runs.Values.Where(r => statuses.Count == 0 || statuses.Contains(r.Status))
                .OrderByDescending(r => r.Id).Take(limit).ToList());
        }
    }

    public Task<IReadOnlyList<RetrainingRun>> ListAsync(string endpoint, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<RetrainingRun>>(_runs.Values.Where(r => r.Endpoint == endpoint)
                .OrderByDescending(r => r.Id).Take(limit).ToList());
        }
    }
}
