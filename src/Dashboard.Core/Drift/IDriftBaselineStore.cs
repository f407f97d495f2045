using Dashboard.Core.Security;

namespace Dashboard.Core.Drift;

/// <summary>The drift baselines engineers pinned; setting and clearing one is audited and needs <see cref="Permission.PinBaselines"/>.</summary>
public interface IDriftBaselineStore
{
    Task<DriftBaseline?> FindAsync(string endpoint, CancellationToken cancellationToken = default);

    /// <exception cref="ArgumentException">The window cannot be a baseline (the message says why).</exception>
    Task<DriftBaseline> PinAsync(Actor actor, string endpoint, long from, long to, string? note, CancellationToken cancellationToken = default);

    Task ClearAsync(Actor actor, string endpoint, CancellationToken cancellationToken = default);
}
