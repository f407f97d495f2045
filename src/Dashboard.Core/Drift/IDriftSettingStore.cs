using Dashboard.Core.Drift.Distances;
using Dashboard.Core.Drift.Summaries;
using Dashboard.Core.Security;

namespace Dashboard.Core.Drift;

/// <summary>
/// The drift method and threshold an engineer chose for one feature of an endpoint, instead of the default. Saving and
/// resetting one is audited (<c>drift.setting.save</c> / <c>drift.setting.reset</c>) and needs <see cref="Permission.PinBaselines"/>,
/// as pinning the baseline does.
/// </summary>
public interface IDriftSettingStore
{
    /// <summary>The endpoint's settings by feature name (features on their default are absent).</summary>
    Task<IReadOnlyDictionary<string, DriftSetting>> ListAsync(string endpoint, CancellationToken cancellationToken = default);

    /// <param name="type">The feature's type in the baseline in force, which decides the methods it may use.</param>
    /// <exception cref="ArgumentException">The method does not apply to the type, or the threshold is out of its bounds (the message says which).</exception>
    Task<DriftSetting> SaveAsync(Actor actor, string endpoint, string feature, FeatureType type, DriftMethod method, double threshold,
        CancellationToken cancellationToken = default);

    /// <summary>Back to the default; false when the feature had no setting.</summary>
    Task<bool> ResetAsync(Actor actor, string endpoint, string feature, CancellationToken cancellationToken = default);
}
