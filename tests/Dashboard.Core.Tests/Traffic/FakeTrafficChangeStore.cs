using Dashboard.Core.Audit;
using Dashboard.Core.Security;
using Dashboard.Core.Traffic;

namespace Dashboard.Core.Tests.Traffic;

/// <summary>Traffic changes in memory, with the audit events the real store would write beside them.</summary>
internal sealed class FakeTrafficChangeStore : ITrafficChangeStore
{
    private readonly List<TrafficChange> _changes = [];

    public List<(Actor Actor, AuditEvent Event)> Audit { get; } = [];

    public IReadOnlyList<TrafficChange> Changes => _changes;

    public Task<TrafficChange> AddAsync(TrafficChange proposal, Actor actor, CancellationToken cancellationToken = default)
    {
        if (_changes.Any(c => c.Endpoint == proposal.Endpoint && c.IsOpen))
        {
            throw new TrafficConflictException("open");
        }
        var stored = proposal with { Id = _changes.Count + 1 };
        _changes.Add(stored);
        Audit.Add((actor, TrafficAudit.ToEvent(stored)));
        return Task.FromResult(stored);
    }

    /// <summary>When set, the next move out of this status throws it (a database that fails at the wrong moment).</summary>
    public (TrafficChangeStatus From, Exception Fault)? FailNextMove { get; set; }

    public Task<TrafficChange> MoveAsync(TrafficChange next, TrafficChangeStatus from, Actor actor, CancellationToken cancellationToken = default)
    {
        if (FailNextMove is { } fail && fail.From == from)
        {
            FailNextMove = null;
            throw fail.Fault;
        }
        var index = _changes.FindIndex(c => c.Id == next.Id);
        if (index < 0 || _changes[index].Status != from)
        {
            throw new TrafficConflictException("moved on already");
        }
        _changes[index] = next;
        Audit.Add((actor, TrafficAudit.ToEvent(next)));
        return Task.FromResult(next);
    }

    /// <summary>While set, listing by status throws it (a database that is down).</summary>
    public Exception? ListFailure { get; set; }

    public Task<IReadOnlyList<TrafficChange>> ListAsync(TrafficChangeStatus status, CancellationToken cancellationToken = default) =>
        ListFailure is null
            ? Task.FromResult<IReadOnlyList<TrafficChange>>(_changes.Where(c => c.Status == status).ToList())
            : Task.FromException<IReadOnlyList<TrafficChange>>(ListFailure);

    public Task<TrafficChange?> FindAsync(long id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_changes.FirstOrDefault(c => c.Id == id));

    public Task<IReadOnlyList<TrafficChange>> ListAsync(string endpoint, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TrafficChange>>(_changes.Where(c => c.Endpoint == endpoint).Reverse().Take(limit).ToList());
}
