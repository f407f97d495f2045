namespace Dashboard.Simulator.Scenario;

/// <summary>
/// Model Monitor's hourly drift distance for one feature. A monitoring execution runs at the top of every hour,
/// starting a day after the endpoint was created (the baseline job needs captured data first). A categorical feature
/// that breaks adds its new category's share of the analysed hour: the L-infinity distance between category frequencies.
/// </summary>
internal sealed class DriftModel
{
    private readonly DriftFeature _feature;
    private readonly ulong _stream;
    private readonly long _firstMinute;
    private readonly long _riseStart;
    private readonly long _anchorMinute;
    private readonly FeatureBreak? _break;

    public DriftModel(int seed, string endpointName, DriftFeature feature, long creationMinute, DateTimeOffset anchor,
        FeatureBreak? featureBreak = null)
    {
        _feature = feature;
        _break = featureBreak;
        _stream = Noise.Mix((ulong)seed) ^ Noise.OfName(endpointName) ^ Noise.OfName("drift/" + feature.Name);
        _firstMinute = creationMinute + LoadModel.MinutesPerDay;
        _riseStart = feature.RiseStart is { } rise ? VariantModel.ToMinute(rise) : long.MaxValue;
        _anchorMinute = VariantModel.ToMinute(anchor);
    }

    public bool TrySample(long minute, out MinuteSample sample)
    {
        sample = default;
        if (minute < _firstMinute || LoadModel.FloorMod(minute, 60) != 0)
        {
            return false;
        }
        var value = _feature.Baseline * (1 + 0.1 * Noise.Gaussian(_stream, minute, 1));
        if (minute > _riseStart && _anchorMinute > _riseStart)
        {
            // Linear, reaching RiseTo at the anchor, and still creeping up (to 25 % more) afterwards.
            var progress = Math.Min(1.25, (double)(minute - _riseStart) / (_anchorMinute - _riseStart));
            value += (_feature.RiseTo - _feature.Baseline) * progress * (1 + 0.05 * Noise.Gaussian(_stream, minute, 2));
        }
        if (_break is { } broken)
        {
            // The execution at the top of the hour analyses the hour before it.
            value += broken.NewShareAt(DateTimeOffset.FromUnixTimeSeconds((minute - 30) * 60));
        }
        value = Math.Max(0, value);
        sample = new MinuteSample(1, value, value, value, SampleDistribution.Constant, value, 0);
        return true;
    }
}
