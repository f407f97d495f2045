using Dashboard.Core.Fleet;
using Dashboard.Simulator.Deployments;

namespace Dashboard.Simulator.Scenario;

/// <summary>What one variant does in one minute; every metric of the variant derives from this.</summary>
public readonly record struct VariantMinute(long Invocations, int Instances, double Utilisation);

/// <summary>
/// Generates the minute samples of one production variant. Load follows the endpoint's cycle; instances follow
/// load; utilisation is load over capacity; latency grows with utilisation like a queue nearing saturation.
/// </summary>
internal sealed class VariantModel
{
    // Noise channels: each quantity draws from its own channel so they stay independent of each other.
    private const int ChLoadSlow = 1, ChLoadMinute = 2, ChInvocations = 3, ChLatency = 4, ChLatencySlow = 5,
        ChOverhead = 6, ChCpu = 7, ChMemory = 8, ChMemorySlow = 9, Ch4xxSlow = 10, Ch4xx = 11, Ch5xx = 12,
        ChGpu = 13, ChGpuMemory = 14, ChDisk = 15, ChSplit = 16;

    // Autoscaling aims for this share of capacity per instance, like a target-tracking policy would.
    private const double TargetUtilisation = 0.55;

    private readonly EndpointProfile _endpoint;
    private readonly ulong _endpointStream;
    private readonly ulong _stream;
    private readonly double _share;
    private readonly EndpointWeights? _weights;
    private readonly int _weightIndex;
    private readonly bool _catalogue;
    private readonly EndpointDeployments? _deployments;
    private readonly (long Start, long End, double Rate)[] _bursts;
    private readonly long _trendStartMinute;
    private readonly int _diskPhaseMinutes;

    public VariantModel(int seed, EndpointProfile endpoint, VariantProfile variant, long creationMinute, EndpointWeights? weights = null,
        EndpointDeployments? deployments = null)
    {
        _deployments = deployments;
        _endpoint = endpoint;
        Variant = variant;
        Type = InstanceTypes.Find(variant.InstanceType)
            ?? throw new InvalidOperationException($"Unknown instance type {variant.InstanceType}.");
        CreationMinute = creationMinute;
        _endpointStream = Noise.Mix((ulong)seed) ^ Noise.OfName(endpoint.Name);
        _stream = _endpointStream ^ Noise.OfName("variant/" + variant.Name);
        var totalWeight = endpoint.Variants.Sum(v => v.CurrentWeight);
        _share = totalWeight > 0 ? variant.CurrentWeight / totalWeight : 0;
        _weights = weights;
        _weightIndex = weights?.IndexOf(variant.Name) ?? -1;
        _catalogue = endpoint.Variants.Any(v => v.Name == variant.Name);
        _bursts = endpoint.Bursts.Select(b => (ToMinute(b.Start), ToMinute(b.End), b.Rate5xx)).ToArray();
        _trendStartMinute = endpoint.LatencyTrend is { } trend ? ToMinute(trend.Start) : long.MaxValue;
        _diskPhaseMinutes = (int)(_stream % (7 * LoadModel.MinutesPerDay));
    }

    public VariantProfile Variant { get; }

    public InstanceType Type { get; }

    public long CreationMinute { get; }

    public static long ToMinute(DateTimeOffset time) => LoadModel.FloorDiv(time.ToUnixTimeSeconds(), 60);

    /// <summary>Expected requests per minute for this variant, without the per-minute jitter.</summary>
    private double SmoothLoad(long minute) =>
        _endpoint.PeakRequestsPerMinute * ShareAt(minute) * LoadModel.Factor(_endpoint.Shape, minute)
        * (1 + 0.08 * Noise.Smooth(_endpointStream, minute, ChLoadSlow, 30));

    /// <summary>
    /// The catalogue's split until someone changes the weights (UpdateEndpointWeightsAndCapacities) or a deployment
    /// completes with a config of its own weights; the later of the two wins.
    /// </summary>
    private double ShareAt(long minute)
    {
        var deployed = _deployments is { Any: true } deployments && _weights is not null ? deployments.WeightsAt(minute, _weights.Variants) : null;
        if (deployed is { } set && (_weights?.EffectiveMinuteAt(minute) ?? long.MinValue) < set.From)
        {
            var total = set.Weights.Sum();
            return total > 0 ? EndpointWeights.WeightAt(set.Weights, _weightIndex) / total : 0;
        }
        return _weights is { HasChanges: true } weights ? weights.ShareAt(_weightIndex, minute) : _share;
    }

    /// <summary>How the variant's traffic is split between an old and a new fleet in the minute; null: never deployed to.</summary>
    public FleetMix? MixAt(long minute) => MixAt(minute, out _);

    private FleetMix? MixAt(long minute, out bool serves)
    {
        serves = _catalogue;
        return _deployments is { Any: true } deployments ? deployments.MixAt(Variant.Name, minute, out serves) : null;
    }

    /// <summary>
    /// False in a minute the variant is not part of the endpoint: before an UpdateEndpoint added it, after one removed it.
    /// </summary>
    public bool ServesAt(long minute)
    {
        MixAt(minute, out var serves);
        return serves && minute >= CreationMinute;
    }

    /// <summary>The variant as it serves in the minute: the old fleet during a deployment, the new one after it.</summary>
    public VariantProfile ProfileAt(long minute) => MixAt(minute)?.Blue ?? Variant;

    public int InstancesAt(long minute) => ServesAt(minute) ? InstancesAt(minute, ProfileAt(minute)) : 0;

    private int InstancesAt(long minute, VariantProfile profile)
    {
        if (!profile.AutoScales)
        {
            return profile.MinInstances;
        }
        // Decide on the smooth load of the 5-minute step, so the count does not flap from one minute to the next.
        var step = minute - LoadModel.FloorMod(minute, 5);
        var needed = (int)Math.Ceiling(SmoothLoad(step) / (profile.CapacityPerInstance * TargetUtilisation));
        return Math.Clamp(needed, profile.MinInstances, profile.MaxInstanceCount);
    }

    public VariantMinute At(long minute) => ServesAt(minute) ? At(minute, ProfileAt(minute)) : default;

    private VariantMinute At(long minute, VariantProfile profile)
    {
        var expected = SmoothLoad(minute) * (1 + 0.04 * Noise.Gaussian(_stream, minute, ChLoadMinute));
        var invocations = Noise.StochasticRound(expected, _stream, minute, ChInvocations);
        var instances = InstancesAt(minute, profile);
        var utilisation = invocations / (instances * profile.CapacityPerInstance);
        return new VariantMinute(invocations, instances, utilisation);
    }

    /// <summary>
    /// One minute of the variant's metric; with <paramref name="config"/>, only the part served by that endpoint config
    /// (the series with the EndpointConfigName dimension, which exist once the endpoint has been deployed to).
    /// </summary>
    public bool TrySample(MetricKind kind, long minute, out MinuteSample sample, string? config = null)
    {
        sample = default;
        if (minute < CreationMinute)
        {
            return false;
        }
        var mix = MixAt(minute, out var serves);
        if (!serves)
        {
            return false;
        }
        var profile = mix?.Blue ?? Variant;
        var state = At(minute, profile);
        switch (kind)
        {
            case MetricKind.Invocations:
            case MetricKind.InvocationsPerInstance:
            case MetricKind.Invocation4XXErrors:
            case MetricKind.Invocation5XXErrors:
            case MetricKind.ModelLatency:
            case MetricKind.OverheadLatency:
                // SageMaker publishes invocation metrics only for minutes that saw requests.
                if (state.Invocations == 0)
                {
                    return false;
                }
                if (mix is null)
                {
                    if (config is not null)
                    {
                        return false;
                    }
                    sample = InvocationSample(kind, minute, new FleetPart(profile, _stream, state.Invocations, state.Instances, state.Utilisation));
                    return true;
                }
                return TryMixedSample(kind, minute, state, mix, config, out sample);
            case var _ when config is not null:
                return false;
            case MetricKind.GpuUtilization:
            case MetricKind.GpuMemoryUtilization:
                if (!Type.HasGpu)
                {
                    return false;
                }
                sample = UtilisationSample(kind, minute, state, profile);
                return true;
            default:
                sample = UtilisationSample(kind, minute, state, profile);
                return true;
        }
    }

    /// <summary>The traffic one fleet (old or new config) served in a minute.</summary>
    private readonly record struct FleetPart(VariantProfile Profile, ulong Stream, long Invocations, int Instances, double Utilisation);

    private bool TryMixedSample(MetricKind kind, long minute, in VariantMinute state, FleetMix mix, string? config, out MinuteSample sample)
    {
        sample = default;
        var greenInvocations = mix.Green is null ? 0 : Noise.StochasticRound(state.Invocations * mix.GreenShare, _stream, minute, ChSplit);
        var blueInvocations = state.Invocations - greenInvocations;
        var blue = new FleetPart(mix.Blue, _stream, blueInvocations, state.Instances,
            blueInvocations / (state.Instances * mix.Blue.CapacityPerInstance));
        var green = mix.Green is { } g
            ? new FleetPart(g, _stream ^ Noise.OfName("config/" + mix.GreenConfig), greenInvocations, g.MinInstances,
                greenInvocations / (g.MinInstances * g.CapacityPerInstance))
            : default;
        if (config is not null)
        {
            var part = config == mix.BlueConfig ? blue : config == mix.GreenConfig ? green : default;
            if (part.Invocations == 0)
            {
                return false;
            }
            sample = InvocationSample(kind, minute, part);
            return true;
        }
        sample = blueInvocations == 0 ? InvocationSample(kind, minute, green)
            : greenInvocations == 0 ? InvocationSample(kind, minute, blue)
            : Combine(InvocationSample(kind, minute, blue), InvocationSample(kind, minute, green));
        return true;
    }

    /// <summary>
    /// Two fleets' samples of one minute as one: counts and sums add up; latency percentiles are the traffic-weighted
    /// geometric mix of the two (itself lognormal, so the minute keeps one shape).
    /// </summary>
    private static MinuteSample Combine(in MinuteSample a, in MinuteSample b)
    {
        var count = a.Count + b.Count;
        var sum = a.Sum + b.Sum;
        var min = Math.Min(a.Minimum, b.Minimum);
        var max = Math.Max(a.Maximum, b.Maximum);
        var wa = a.Count / count;
        return a.Distribution switch
        {
            SampleDistribution.Bernoulli => ErrorSample((long)count, (long)sum),
            SampleDistribution.LogNormal => new MinuteSample(count, sum, min, max, SampleDistribution.LogNormal,
                Math.Exp(wa * Math.Log(a.Center) + (1 - wa) * Math.Log(b.Center)), wa * a.Spread + (1 - wa) * b.Spread),
            _ => new MinuteSample(count, sum, min, max, a.Distribution, sum / count, 0),
        };
    }

    private MinuteSample InvocationSample(MetricKind kind, long minute, in FleetPart part)
    {
        var state = new VariantMinute(part.Invocations, part.Instances, part.Utilisation);
        var profile = part.Profile;
        var stream = part.Stream;
        double n = state.Invocations;
        switch (kind)
        {
            case MetricKind.Invocations:
                return new MinuteSample(n, n, 1, 1, SampleDistribution.Constant, 1, 0);
            case MetricKind.InvocationsPerInstance:
                // Each request counts 1/instances, as AWS defines the metric.
                var perRequest = 1.0 / state.Instances;
                return new MinuteSample(n, n * perRequest, perRequest, perRequest, SampleDistribution.Constant, perRequest, 0);
            case MetricKind.Invocation4XXErrors:
                var rate4 = profile.Error4xxRate * Math.Max(0.2, 1 + 0.3 * Noise.Smooth(stream, minute, Ch4xxSlow, 60));
                return ErrorSample(state.Invocations, Noise.StochasticRound(n * rate4, stream, minute, Ch4xx));
            case MetricKind.Invocation5XXErrors:
                var rate5 = profile.Error5xxRate + BurstRate(minute) + Math.Max(0, state.Utilisation - 0.85) * 0.2;
                return ErrorSample(state.Invocations, Noise.StochasticRound(n * Math.Min(1, rate5), stream, minute, Ch5xx));
            case MetricKind.ModelLatency:
                var median = profile.ModelLatencyMicros * Queueing(state.Utilisation) * TrendFactor(minute)
                    * (1 + 0.05 * Noise.Gaussian(stream, minute, ChLatency) + 0.04 * Noise.Smooth(stream, minute, ChLatencySlow, 45));
                // Queues widen the tail as well as shifting the middle.
                return LatencySample(state.Invocations, median, profile.LatencySigma * (1 + 0.3 * Math.Min(1, state.Utilisation)));
            default:
                var overhead = profile.OverheadMicros * (1 + 0.3 * Math.Min(1, state.Utilisation))
                    * (1 + 0.06 * Noise.Gaussian(stream, minute, ChOverhead));
                return LatencySample(state.Invocations, overhead, 0.25);
        }
    }

    private static MinuteSample ErrorSample(long invocations, long errors)
    {
        errors = Math.Min(errors, invocations);
        return new MinuteSample(invocations, errors, errors == invocations ? 1 : 0, errors > 0 ? 1 : 0,
            SampleDistribution.Bernoulli, (double)errors / invocations, 0);
    }

    private static MinuteSample LatencySample(long invocations, double median, double sigma)
    {
        // Lognormal: mean = median·e^(σ²/2). Whole microseconds, and Sum = Average × Count exactly.
        var average = Math.Round(median * Math.Exp(sigma * sigma / 2));
        var extreme = Math.Min(4.0, Math.Max(2.33, Math.Sqrt(2 * Math.Log(invocations + 1))));
        var min = Math.Round(median * Math.Exp(-sigma * extreme));
        var max = Math.Round(median * Math.Exp(sigma * extreme));
        return new MinuteSample(invocations, average * invocations, min, max, SampleDistribution.LogNormal, median, sigma);
    }

    private MinuteSample UtilisationSample(MetricKind kind, long minute, in VariantMinute state, VariantProfile profile)
    {
        var u = Math.Min(1, state.Utilisation);
        double perUnit; // percent of one vCPU / one GPU / the whole disk or memory
        double units;
        switch (kind)
        {
            case MetricKind.CpuUtilization:
                // GPU endpoints do their heavy lifting on the GPU; their CPUs stay comparatively idle.
                perUnit = Type.HasGpu ? 6 + 22 * u : 4 + 88 * u;
                perUnit *= 1 + 0.04 * Noise.Gaussian(_stream, minute, ChCpu);
                units = Type.VCpus;
                break;
            case MetricKind.GpuUtilization:
                perUnit = (5 + 85 * u) * (1 + 0.05 * Noise.Gaussian(_stream, minute, ChGpu));
                units = Type.Gpus;
                break;
            case MetricKind.GpuMemoryUtilization:
                perUnit = profile.GpuMemoryPercent + 1.2 * Noise.Smooth(_stream, minute, ChGpuMemory, 90)
                    + 0.3 * Noise.Gaussian(_stream, minute, ChGpuMemory);
                units = Type.Gpus;
                break;
            case MetricKind.MemoryUtilization:
                perUnit = profile.MemoryPercent + 6 * u + 1.5 * Noise.Smooth(_stream, minute, ChMemorySlow, 120)
                    + 0.3 * Noise.Gaussian(_stream, minute, ChMemory);
                units = 1;
                break;
            default:
                // Logs and captured payloads pile up over a week until a clean-up job clears them: a saw-tooth.
                var sinceCleanup = LoadModel.FloorMod(minute + _diskPhaseMinutes, 7 * LoadModel.MinutesPerDay);
                perUnit = 14 + 26.0 * sinceCleanup / (7 * LoadModel.MinutesPerDay) + 0.05 * Noise.Gaussian(_stream, minute, ChDisk);
                units = 1;
                break;
        }
        var ceiling = 100 * units;
        var value = Math.Clamp(perUnit * units, 0, ceiling);
        // One sample per instance; instances differ a little from each other.
        var spread = state.Instances > 1 ? 0.04 * value : 0;
        return new MinuteSample(state.Instances, value * state.Instances, Math.Max(0, value - 1.5 * spread),
            Math.Min(ceiling, value + 1.5 * spread), SampleDistribution.Normal, value, spread);
    }

    /// <summary>Latency multiplier of a queue at utilisation u: flat when idle, steep close to saturation.</summary>
    public static double Queueing(double utilisation)
    {
        var u = Math.Min(utilisation, 0.92);
        return 1 + 0.5 * u * u / (1 - u);
    }

    private double TrendFactor(long minute)
    {
        if (minute <= _trendStartMinute || _endpoint.LatencyTrend is not { } trend)
        {
            return 1;
        }
        var days = (minute - _trendStartMinute) / (double)LoadModel.MinutesPerDay;
        return Math.Min(trend.MaxFactor, 1 + trend.PerDay * days);
    }

    private double BurstRate(long minute)
    {
        foreach (var (start, end, rate) in _bursts)
        {
            if (minute >= start && minute < end)
            {
                return rate;
            }
        }
        return 0;
    }
}
