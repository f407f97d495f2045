namespace Dashboard.Simulator.Scenario;

/// <summary>
/// An endpoint's variant weights over time: the catalogue's weights, then each UpdateEndpointWeightsAndCapacities.
/// A change is requested at one moment and completes a little later; traffic follows the new split from the first
/// whole minute after it completes, so minutes already published never change. Readers never lock.
/// </summary>
public sealed class EndpointWeights
{
    private readonly Lock _lock = new();
    private readonly float[] _initial;
    private WeightChange[] _changes = [];

    public EndpointWeights(IReadOnlyList<VariantProfile> variants)
    {
        ArgumentNullException.ThrowIfNull(variants);
        Variants = variants.Select(v => v.Name).ToArray();
        _initial = variants.Select(v => v.CurrentWeight).ToArray();
    }

    /// <summary>A requested change: the full set of weights (one per variant, in catalogue order) from <see cref="CompletesAt"/> on.</summary>
    public sealed record WeightChange(DateTimeOffset RequestedAt, DateTimeOffset CompletesAt, IReadOnlyList<float> Weights)
    {
        internal long EffectiveMinute { get; } = LoadModel.FloorDiv(CompletesAt.ToUnixTimeMilliseconds() + 59_999, 60_000);
    }

    public IReadOnlyList<string> Variants { get; }

    public bool HasChanges => Volatile.Read(ref _changes).Length > 0;

    public int IndexOf(string variant) => Array.IndexOf((string[])Variants, variant);

    /// <summary>The weights serving traffic at <paramref name="time"/>.</summary>
    public IReadOnlyList<float> CurrentAt(DateTimeOffset time) =>
        Volatile.Read(ref _changes).LastOrDefault(c => c.CompletesAt <= time)?.Weights ?? _initial;

    /// <summary>The newest change complete by <paramref name="time"/>, if any.</summary>
    public WeightChange? CompletedAt(DateTimeOffset time) => Volatile.Read(ref _changes).LastOrDefault(c => c.CompletesAt <= time);

    /// <summary>The newest change requested by <paramref name="time"/>, if any.</summary>
    public WeightChange? LatestAt(DateTimeOffset time) => Volatile.Read(ref _changes).LastOrDefault(c => c.RequestedAt <= time);

    /// <summary>A change requested but not yet complete at <paramref name="time"/>: the endpoint is Updating.</summary>
    public WeightChange? PendingAt(DateTimeOffset time) => LatestAt(time) is { } latest && latest.CompletesAt > time ? latest : null;

    /// <summary>The variant's share of the endpoint's requests in <paramref name="minute"/> (weight / sum of weights).</summary>
    public double ShareAt(int index, long minute)
    {
        var changes = Volatile.Read(ref _changes);
        IReadOnlyList<float> weights = _initial;
        for (var i = changes.Length - 1; i >= 0; i--)
        {
            if (changes[i].EffectiveMinute <= minute)
            {
                weights = changes[i].Weights;
                break;
            }
        }
        var total = weights.Sum();
        return total > 0 ? weights[index] / total : 0;
    }

    /// <summary>The minute from which the newest change in force at <paramref name="minute"/> applies, if any.</summary>
    public long? EffectiveMinuteAt(long minute) =>
        Volatile.Read(ref _changes).LastOrDefault(c => c.EffectiveMinute <= minute)?.EffectiveMinute;

    /// <summary>Records a change; desired weights are given per variant name, variants not named keep their weight.</summary>
    public WeightChange Add(IReadOnlyDictionary<string, float> desired, DateTimeOffset requestedAt, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(desired);
        lock (_lock)
        {
            var current = CurrentAt(requestedAt);
            var weights = Variants.Select((name, i) => desired.TryGetValue(name, out var weight) ? weight : current[i]).ToArray();
            var change = new WeightChange(requestedAt, requestedAt + duration, weights);
            Volatile.Write(ref _changes, [.. _changes, change]);
            return change;
        }
    }
}
