using Dashboard.Core.Baselines;
using Dashboard.Core.Security;

namespace Dashboard.Web.Tests.Endpoints;

/// <summary>One endpoint's pinned baseline in memory; checks the permission as the real store does.</summary>
internal sealed class FakeBaselinePins : IBaselinePinStore
{
    public BaselinePin? Pinned { get; set; }

    public Task<BaselinePin?> FindAsync(string endpoint, CancellationToken cancellationToken = default) => Task.FromResult(Pinned);

    public Task<BaselinePin> PinAsync(Actor actor, string endpoint, long from, long to, string? note, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.PinBaselines);
        Pinned = new BaselinePin(endpoint, from, to, actor.UserName, 0, note);
        return Task.FromResult(Pinned);
    }

    public Task UnpinAsync(Actor actor, string endpoint, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.PinBaselines);
        Pinned = null;
        return Task.CompletedTask;
    }
}
