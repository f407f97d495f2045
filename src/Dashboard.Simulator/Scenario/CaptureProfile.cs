namespace Dashboard.Simulator.Scenario;

/// <summary>How a captured request or reply is written: CSV (<c>text/csv</c>) or JSON (<c>application/json</c>).</summary>
public enum CaptureFormat
{
    Csv,
    Json,
}

/// <summary>What the model predicts, as the dashboard's <c>dashboard:problem-type</c> tag names it.</summary>
public enum ProblemType
{
    BinaryClassification,
    Regression,
}

/// <summary>One input feature of an endpoint, in the order of its CSV columns and its Model Monitor baseline.</summary>
public abstract record CaptureFeature(string Name);

/// <summary>Normal around <see cref="Mean"/>, clamped to [Min, Max] and rounded as captured (integers when integral).</summary>
public sealed record NumericFeature(string Name, double Mean, double StdDev, double Min, bool Integral, double Max = double.MaxValue)
    : CaptureFeature(Name)
{
    public string InferredType => Integral ? "Integral" : "Fractional";

    /// <summary>A captured value from a standard normal draw, the distribution moved by <paramref name="shift"/> standard deviations.</summary>
    public double Value(double shift, double z)
    {
        var value = Math.Clamp(Mean + (shift + z) * StdDev, Min, Max);
        return Integral ? Math.Round(value) : Math.Round(value, 4);
    }
}

public sealed record Category(string Value, double Share);

/// <summary>A string feature drawn from its categories' shares (which add up to 1); <see cref="Break"/> makes it break.</summary>
public sealed record CategoricalFeature(string Name, IReadOnlyList<Category> Categories, FeatureBreak? Break = null) : CaptureFeature(Name)
{
    /// <summary>The category a uniform draw falls on (the last one takes any rounding left over).</summary>
    public string Pick(double u)
    {
        var edge = 0.0;
        foreach (var category in Categories)
        {
            edge += category.Share;
            if (u < edge)
            {
                return category.Value;
            }
        }
        return Categories[^1].Value;
    }
}

/// <summary>
/// A categorical feature that breaks: <see cref="NewCategory"/>, which never existed, appears from <see cref="NewFrom"/>
/// with a share growing linearly to <see cref="NewShareAtAnchor"/> at the anchor (and on, up to <see cref="MaxNewShare"/>);
/// from <see cref="MissingFrom"/>, <see cref="MissingShare"/> of the records lack the feature (half null, half absent).
/// </summary>
public sealed record FeatureBreak(string NewCategory, DateTimeOffset NewFrom, DateTimeOffset Anchor, double NewShareAtAnchor,
    double MaxNewShare, DateTimeOffset MissingFrom, double MissingShare)
{
    public double NewShareAt(DateTimeOffset time) => time <= NewFrom || Anchor <= NewFrom
        ? 0
        : Math.Min(MaxNewShare, NewShareAtAnchor * (time - NewFrom).TotalSeconds / (Anchor - NewFrom).TotalSeconds);

    public double MissingShareAt(DateTimeOffset time) => time >= MissingFrom ? MissingShare : 0;
}

/// <summary>
/// A linear predictor: log-odds for classifiers, the value for regressors. <see cref="Weights"/> maps a numeric feature's
/// name to its weight per standard deviation from the mean, <c>"feature=value"</c> to a category's weight and
/// <c>"feature="</c> to the weight of a missing value; anything not listed weighs 0.
/// </summary>
public sealed record LinearOutcome(double Intercept, IReadOnlyDictionary<string, double> Weights);

/// <summary>
/// The relationship between inputs and outcome changes: from <see cref="Start"/> the world blends towards
/// <see cref="After"/>, reaching <see cref="BlendAtFull"/> at <see cref="Full"/> and going on (to 1.25 times that).
/// A model trained at some moment knows the blend of that moment.
/// </summary>
public sealed record OutcomeDrift(DateTimeOffset Start, DateTimeOffset Full, LinearOutcome After, double BlendAtFull);

/// <summary>How an endpoint's predictions and the true outcomes (its ground truth) are made.</summary>
public sealed record OutcomeProfile(ProblemType Problem, LinearOutcome Before)
{
    public OutcomeDrift? Drift { get; init; }

    /// <summary>Regressors: the standard deviation of the outcome around the predictor.</summary>
    public double Noise { get; init; }

    /// <summary>Regressors: each model's own error (standard deviation), by model name; others have <see cref="DefaultModelError"/>.</summary>
    public IReadOnlyDictionary<string, double> ModelErrors { get; init; } = new Dictionary<string, double>();

    public double DefaultModelError { get; init; }

    /// <summary>How far the world has moved towards <see cref="OutcomeDrift.After"/> at <paramref name="time"/> (0 without drift).</summary>
    public double BlendAt(DateTimeOffset time)
    {
        if (Drift is not { } drift || time <= drift.Start || drift.Full <= drift.Start)
        {
            return 0;
        }
        var progress = Math.Min(1.25, (time - drift.Start).TotalSeconds / (drift.Full - drift.Start).TotalSeconds);
        return drift.BlendAtFull * progress;
    }
}

/// <summary>
/// What an endpoint's data capture holds and what goes with it: the input features (CSV column order), the formats,
/// whether callers pass an inference id, the ground truth written for it, and a baseline training data set.
/// </summary>
public sealed record CaptureProfile
{
    public required IReadOnlyList<CaptureFeature> Features { get; init; }

    public required OutcomeProfile Outcome { get; init; }

    public CaptureFormat Input { get; init; } = CaptureFormat.Csv;

    public CaptureFormat Output { get; init; } = CaptureFormat.Csv;

    /// <summary>The content types are not in CaptureContentTypeHeader, so SageMaker writes the payloads base64-encoded.</summary>
    public bool Base64 { get; init; }

    /// <summary>Callers pass InferenceId to InvokeEndpoint: ids are this prefix and 16 hex digits; null when they do not.</summary>
    public string? InferenceIdPrefix { get; init; }

    /// <summary>Labels are written under <c>ground-truth/{endpoint}/</c> hours after the predictions.</summary>
    public bool GroundTruth { get; init; }

    /// <summary>A training data set under <c>datasets/{endpoint}/</c>: CSV with a header, or JSON Lines; null for none.</summary>
    public CaptureFormat? Dataset { get; init; }

    /// <summary>The SageMaker pipeline that retrains the endpoint's model (the <c>dashboard:retraining-pipeline</c> tag).</summary>
    public string? RetrainingPipeline { get; init; }

    public CaptureFeature? Find(string name) => Features.FirstOrDefault(f => f.Name == name);
}
