namespace Dashboard.Simulator.Scenario;

/// <summary>
/// An endpoint's variant weights over time: the catalogue's weights, then each UpdateEndpointWeightsAndCapacities.
/// A change is requested at one moment and completes a little later; traffic follows the new split from the first
/// whole minute after it completes, so minutes already published never change. Readers never lock. The roster of
/// variant names only grows: a variant added by an UpdateEndpoint gets the next index (weight 0 in older changes).
/// </summary>
public sealed class EndpointWeights
{
    private readonly Lock _lock = new();
    private readonly float[] _initial;
    private WeightChange[] _changes = [];
    private string[] _names;

    public EndpointWeights(IReadOnlyList<VariantProfile> variants)
    {
        ArgumentNullException.ThrowIfNull(variants);
        _names = variants.Select(v => v.Name).ToArray();
        _initial = variants.Select(v => v.CurrentWeight).ToArray();
    }

    /// <summary>A requested change: the full set of weights (one per variant, in catalogue order) from <see cref="CompletesAt"/> on.</summary>
    public sealed record WeightChange(DateTimeOffset RequestedAt, DateTimeOffset CompletesAt, IReadOnlyList<float> Weights)
    {
        internal long EffectiveMinute { get; } = LoadModel.FloorDiv(CompletesAt.ToUnixTimeMilliseconds() + 59_999, 60_000);
    }

    /// <summary>Every variant the endpoint has had, in the order they appeared (the catalogue's first).</summary>
    public IReadOnlyList<string> Variants => Volatile.Read(ref _names);

    public bool HasChanges => Volatile.Read(ref _changes).Length > 0;

    public int IndexOf(string variant) => Array.IndexOf(Volatile.Read(ref _names), variant);

    /// <summary>The variant's index, appending it to the roster when it is new.</summary>
    public int AddVariant(string variant)
    {
        lock (_lock)
        {
            var index = IndexOf(variant);
            if (index >= 0)
            {
                return index;
            }
            Volatile.Write(ref _names, [.. _names, variant]);
            return _names.Length - 1;
        }
    }

    /// <summary>The weight at <paramref name="index"/>; a variant added after the weights were set has 0.</summary>
    public static float WeightAt(IReadOnlyList<float> weights, int index) =>
        index >= 0 && index < weights.Count ? weights[index] : 0f;

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
        return total > 0 ? WeightAt(weights, index) / total : 0;
    }

    /// <summary>The minute from which the newest change in force at <paramref name="minute"/> applies, if any.</summary>
    public long? EffectiveMinuteAt(long minute) =>
        Volatile.Read(ref _changes).LastOrDefault(c => c.EffectiveMinute <= minute)?.EffectiveMinute;

    /// <summary>
    /// Records a change; desired weights are given per variant name, variants not named keep their weight in
    /// <paramref name="current"/> (the endpoint's weights now, deployments included; this history's when null).
    /// </summary>
    public WeightChange Add(IReadOnlyDictionary<string, float> desired, DateTimeOffset requestedAt, TimeSpan duration,
        IReadOnlyList<float>? current = null)
    {
        ArgumentNullException.ThrowIfNull(desired);
        lock (_lock)
        {
            current ??= CurrentAt(requestedAt);
            var weights = _names.Select((name, i) => desired.TryGetValue(name, out var weight) ? weight : WeightAt(current, i)).ToArray();
            var change = new WeightChange(requestedAt, requestedAt + duration, weights);
            Volatile.Write(ref _changes, [.. _changes, change]);
            return change;
        }
    }
}
