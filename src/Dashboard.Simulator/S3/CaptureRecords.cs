using System.Collections.Concurrent;
using System.Globalization;
using Dashboard.Core.Metrics;
using Dashboard.Simulator.Scenario;

namespace Dashboard.Simulator.S3;

/// <summary>
/// The captured requests of one endpoint, as a pure function of (seed, anchor, variant, minute, index): how many in
/// each minute (proportional to the variant's invocations, <c>Simulator:CaptureRecordsPerHour</c> in an average
/// variant-hour), their inputs (shifted by the Model Monitor drift of their hour, and broken where the profile says),
/// which model served each, and when its label arrives. Capture files, ground truth and reports all read from here.
/// </summary>
internal sealed class CaptureRecords
{
    // Draws of one record, each from its own channel of the record's stream.
    private const int ChTime = 0, ChEventId = 1, ChInferenceId = 3, ChServing = 4, ChLabelled = 6, ChDelayKind = 7, ChDelay = 8,
        ChFeature = 16, ChMissing = 40, ChBreak = 48;

    // Draws per minute or hour of a variant (or of the endpoint).
    private const int ChCount = 1, ChLabelRate = 2;

    private static readonly ConcurrentDictionary<LoadShape, double> MeanLoads = new();

    private readonly FleetScenario _scenario;
    private readonly ulong _stream;
    private readonly double _recordsPerInvocation;
    private readonly (SimulatedSeries Series, double Baseline)?[] _drift;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _modelCreated = new(StringComparer.Ordinal);

    public CaptureRecords(FleetScenario scenario, EndpointProfile endpoint, int recordsPerHour)
    {
        _scenario = scenario;
        Endpoint = endpoint;
        Profile = endpoint.Capture ?? throw new ArgumentException($"{endpoint.Name} has no capture profile.", nameof(endpoint));
        Outcome = new OutcomeModel(Profile);
        _stream = Noise.Mix((ulong)scenario.Seed) ^ Noise.OfName("s3/capture/" + endpoint.Name);
        var invocationsPerVariantMinute = endpoint.PeakRequestsPerMinute * MeanLoad(endpoint.Shape) / endpoint.Variants.Count;
        _recordsPerInvocation = recordsPerHour / 60.0 / invocationsPerVariantMinute;
        _drift = Profile.Features.Select(f => endpoint.Monitor?.Features.FirstOrDefault(d => d.Name == f.Name) is { } monitored
                && f is NumericFeature
                && scenario.FindSeries(endpoint.Name, null, SageMakerMetrics.DriftPrefix + f.Name) is { } series
            ? (series, monitored.Baseline)
            : ((SimulatedSeries, double)?)null).ToArray();
    }

    public FleetScenario Scenario => _scenario;

    public EndpointProfile Endpoint { get; }

    public CaptureProfile Profile { get; }

    public OutcomeModel Outcome { get; }

    /// <summary>Every variant the endpoint has had (the catalogue's, then any a deployment added).</summary>
    public IReadOnlyList<string> Variants => _scenario.WeightsOf(Endpoint.Name).Variants;

    public ulong VariantStream(string variant) => _stream ^ Noise.OfName(variant);

    /// <summary>Captured requests of the variant in the minute (0 when it did not serve).</summary>
    public int CountAt(string variant, ulong variantStream, long minute)
    {
        var invocations = _scenario.VariantAt(Endpoint.Name, variant, DateTimeOffset.FromUnixTimeSeconds(minute * 60)).Invocations;
        return (int)Noise.StochasticRound(invocations * _recordsPerInvocation, variantStream, minute, ChCount);
    }

    /// <summary>
    /// Per feature, how many standard deviations its distribution moved in the hour: what the drift metric of the
    /// execution analysing the hour (the next top of the hour) reports above the feature's usual noise.
    /// </summary>
    public double[] ShiftsFor(DateTimeOffset hour) => _drift.Select(d => d is { } drift
        ? ShiftFor(drift.Series.GetValue(Statistic.Average, 3600, hour.AddHours(1)) ?? drift.Series.GetValue(Statistic.Average, 3600, hour),
            drift.Baseline)
        : 0).ToArray();

    /// <summary>
    /// Model Monitor's distance is the largest gap between two CDFs; for a mean shift of δ standard deviations that is
    /// 2Φ(δ/2) − 1, so δ = 2·Φ⁻¹((1 + d) / 2) for the distance d above the feature's usual noise.
    /// </summary>
    public static double ShiftFor(double? drift, double baseline)
    {
        var excess = Math.Clamp((drift ?? baseline) - baseline, 0, 0.95);
        return excess == 0 ? 0 : 2 * NormalQuantile.Z((1 + excess) / 2);
    }

    public static ulong RecordStream(ulong variantStream, long minute, int index) => Noise.Hash(variantStream, minute, index);

    /// <summary>Records of a minute are spread over it in order, to the second (as inferenceTime is written).</summary>
    public static DateTimeOffset RecordTime(ulong recordStream, long minute, int index, int count) =>
        DateTimeOffset.FromUnixTimeSeconds(minute * 60 + (long)Math.Floor((index + Noise.Uniform(recordStream, 0, ChTime)) * 60.0 / count));

    public CapturedRecord Make(ulong variantStream, long minute, int index, int count, double[] shifts)
    {
        var stream = RecordStream(variantStream, minute, index);
        var time = RecordTime(stream, minute, index, count);
        var features = Profile.Features;
        var record = new CapturedRecord(stream, time, features.Count)
        {
            EventId = Uuid(stream, 0, ChEventId),
            InferenceId = Profile.InferenceIdPrefix is { } prefix
                ? prefix + Noise.Hash(stream, 0, ChInferenceId).ToString("x16", CultureInfo.InvariantCulture)
                : null,
        };
        for (var i = 0; i < features.Count; i++)
        {
            switch (features[i])
            {
                case NumericFeature numeric:
                    record.Numbers[i] = numeric.Value(shifts[i], Noise.Gaussian(stream, 0, ChFeature + i));
                    break;
                case CategoricalFeature categorical:
                    if (categorical.Break is { } broken)
                    {
                        var missing = broken.MissingShareAt(time);
                        var u = Noise.Uniform(stream, 0, ChMissing + i);
                        if (u < missing)
                        {
                            record.Absent[i] = u < missing / 2;
                            break;
                        }
                        if (Noise.Uniform(stream, 0, ChBreak + i) < broken.NewShareAt(time))
                        {
                            record.Categories[i] = broken.NewCategory;
                            break;
                        }
                    }
                    record.Categories[i] = categorical.Pick(Noise.Uniform(stream, 0, ChFeature + i));
                    break;
            }
        }
        return record;
    }

    /// <summary>The fleets serving the variant in the minute: the old one, and the new one with its share during a deployment.</summary>
    public ServingModels ServingAt(string variant, long minute)
    {
        var mix = _scenario.DeploymentsOf(Endpoint.Name).MixAt(variant, minute, out _);
        if (mix is null)
        {
            var name = Endpoint.Variants.FirstOrDefault(v => v.Name == variant)?.ModelName ?? "";
            return new ServingModels(name, CreatedAt(name), null, default, 0);
        }
        var green = mix.Green?.ModelName;
        return new ServingModels(mix.Blue.ModelName, CreatedAt(mix.Blue.ModelName), green, green is null ? default : CreatedAt(green),
            mix.GreenShare);
    }

    /// <summary>The model that served the record, and when it was created (what it learnt).</summary>
    public static (string Name, DateTimeOffset Created) ServedBy(CapturedRecord record, ServingModels models) =>
        models.Green is { } green && Noise.Uniform(record.Stream, 0, ChServing) < models.GreenShare
            ? (green, models.GreenCreated)
            : (models.Blue, models.BlueCreated);

    /// <summary>
    /// When the record's label is collected: 70–90 % of an hour's records are labelled, most 2–6 h later, a few
    /// stragglers up to a day later; null for those never labelled.
    /// </summary>
    public DateTimeOffset? LabelledAt(ulong recordStream, DateTimeOffset time)
    {
        var hour = LoadModel.FloorDiv(time.ToUnixTimeSeconds(), 3600);
        var rate = 0.8 + 0.1 * (2 * Noise.Uniform(_stream, hour, ChLabelRate) - 1);
        if (Noise.Uniform(recordStream, 0, ChLabelled) >= rate)
        {
            return null;
        }
        var delay = Noise.Uniform(recordStream, 0, ChDelayKind) < 0.88
            ? TimeSpan.FromHours(2 + 4 * Noise.Uniform(recordStream, 0, ChDelay))
            : TimeSpan.FromHours(6 + 17.5 * Noise.Uniform(recordStream, 0, ChDelay));
        return time + delay;
    }

    /// <summary>The longest a label can take (labels collected in an hour come from at most this far back).</summary>
    public static readonly TimeSpan MaxLabelDelay = TimeSpan.FromHours(23.5);

    /// <summary>A model's creation time; unknown models count as old (they learnt nothing of the drift).</summary>
    private DateTimeOffset CreatedAt(string model)
    {
        if (_modelCreated.TryGetValue(model, out var known))
        {
            return known;
        }
        // Only found models are remembered: one registered later (a retraining run) is looked up again.
        return _scenario.FindModel(model) is { } found ? _modelCreated.GetOrAdd(model, found.CreationTime) : DateTimeOffset.MinValue;
    }

    /// <summary>The shape's load factor averaged over a week, so a variant-hour at average load holds the configured records.</summary>
    private static double MeanLoad(LoadShape shape) => MeanLoads.GetOrAdd(shape, s =>
    {
        var sum = 0.0;
        const int week = 7 * LoadModel.MinutesPerDay;
        for (var minute = 0; minute < week; minute++)
        {
            sum += LoadModel.Factor(s, minute);
        }
        return sum / week;
    });

    /// <summary>A version-4-looking UUID from two hashes, so ids are stable across runs.</summary>
    public static string Uuid(ulong stream, long minute, int channel)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, Noise.Hash(stream, minute, channel));
        BitConverter.TryWriteBytes(bytes[8..], Noise.Hash(stream, minute, channel + 1000));
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        Span<char> text = stackalloc char[36];
        var at = 0;
        for (var i = 0; i < 16; i++)
        {
            if (i is 4 or 6 or 8 or 10)
            {
                text[at++] = '-';
            }
            text[at++] = HexDigits[bytes[i] >> 4];
            text[at++] = HexDigits[bytes[i] & 0xF];
        }
        return new string(text);
    }

    private const string HexDigits = "0123456789abcdef";
}

/// <summary>The model(s) serving a variant in one minute: <see cref="Green"/> takes <see cref="GreenShare"/> during a deployment.</summary>
internal readonly record struct ServingModels(string Blue, DateTimeOffset BlueCreated, string? Green, DateTimeOffset GreenCreated,
    double GreenShare);
