using Dashboard.Core.Drift;
using Dashboard.Core.Drift.DataSets;
using Dashboard.Core.Security;

namespace Dashboard.Tests.Shared;

/// <summary>The chosen drift baseline in memory, refusing what the real store refuses (permission, a bad window).</summary>
public sealed class FakeDriftBaselineStore(DateTimeOffset now) : IDriftBaselineStore
{
    public DriftBaseline? Pinned { get; private set; }

    public BaselineDataSet? DataSet { get; private set; }

    public Task<DriftBaseline?> FindAsync(string endpoint, CancellationToken cancellationToken = default) => Task.FromResult(Pinned);

    public Task<DriftBaseline> PinAsync(Actor actor, string endpoint, long from, long to, string? note, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.PinBaselines);
        if (DriftBaseline.Validate(from, to, now.ToUnixTimeSeconds()) is { } problem)
        {
            throw new ArgumentException(problem, nameof(from));
        }
        Pinned = new DriftBaseline(endpoint, DriftBaselineKind.Window, from, to, actor.UserName, now, note);
        DataSet = null;
        return Task.FromResult(Pinned);
    }

    public Task<DriftBaseline> SetDataSetAsync(Actor actor, string endpoint, BaselineDataSet dataSet, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.PinBaselines);
        Pinned = new DriftBaseline(endpoint, DriftBaselineKind.DataSet, 0, 0, actor.UserName, now, null, dataSet.Uri);
        DataSet = dataSet;
        return Task.FromResult(Pinned);
    }

    public Task<BaselineDataSet?> ReadDataSetAsync(string endpoint, CancellationToken cancellationToken = default) => Task.FromResult(DataSet);

    public Task ClearAsync(Actor actor, string endpoint, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.PinBaselines);
        Pinned = null;
        DataSet = null;
        return Task.CompletedTask;
    }
}
