using Dashboard.Core.Drift.DataSets;
using Dashboard.Core.Security;

namespace Dashboard.Core.Drift;

/// <summary>
/// The drift baseline an engineer chose: a pinned window or a data set from S3 (one per endpoint: choosing one replaces
/// the other). Setting and clearing it is audited and needs <see cref="Permission.PinBaselines"/>.
/// </summary>
public interface IDriftBaselineStore
{
    Task<DriftBaseline?> FindAsync(string endpoint, CancellationToken cancellationToken = default);

    /// <exception cref="ArgumentException">The window cannot be a baseline (the message says why).</exception>
    Task<DriftBaseline> PinAsync(Actor actor, string endpoint, long from, long to, string? note, CancellationToken cancellationToken = default);

    /// <summary>Stores a data set read from S3 as the baseline, with its summaries, in one transaction (audited with its URI).</summary>
    Task<DriftBaseline> SetDataSetAsync(Actor actor, string endpoint, BaselineDataSet dataSet, CancellationToken cancellationToken = default);

    /// <summary>The summaries of the endpoint's data-set baseline; null when its baseline is not a data set.</summary>
    Task<BaselineDataSet?> ReadDataSetAsync(string endpoint, CancellationToken cancellationToken = default);

    Task ClearAsync(Actor actor, string endpoint, CancellationToken cancellationToken = default);
}
