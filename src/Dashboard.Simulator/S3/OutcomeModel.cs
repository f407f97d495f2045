using Dashboard.Simulator.Scenario;

namespace Dashboard.Simulator.S3;

/// <summary>
/// An endpoint's <see cref="OutcomeProfile"/> made fast to evaluate: the true outcome of a record at its time (a label
/// for classifiers, a value for regressors) and what a model trained at some moment predicts for it.
/// </summary>
internal sealed class OutcomeModel
{
    private const int ChLabel = 5, ChNoise = 9, ChModelError = 10;

    private readonly OutcomeProfile _profile;
    private readonly Linear _before;
    private readonly Linear? _after;

    public OutcomeModel(CaptureProfile capture)
    {
        _profile = capture.Outcome;
        _before = new Linear(capture.Features, _profile.Before);
        _after = _profile.Drift is { } drift ? new Linear(capture.Features, drift.After) : null;
    }

    public ProblemType Problem => _profile.Problem;

    /// <summary>The world's relationship when the record was made: a 0/1 label drawn from it, or the value with its noise.</summary>
    public double Truth(CapturedRecord record)
    {
        var f = Predictor(record, _profile.BlendAt(record.Time));
        return Problem == ProblemType.BinaryClassification
            ? (Noise.Uniform(record.Stream, 0, ChLabel) < Sigmoid(f) ? 1 : 0)
            : f + _profile.Noise * Noise.Gaussian(record.Stream, 0, ChNoise);
    }

    /// <summary>
    /// The score of a model created at <paramref name="modelCreated"/>: it learnt the world as it was then, so a model
    /// older than the drift keeps the old relationship. Regressors add the model's own error.
    /// </summary>
    public double Predict(CapturedRecord record, string modelName, DateTimeOffset modelCreated)
    {
        var f = Predictor(record, _profile.BlendAt(modelCreated));
        if (Problem == ProblemType.BinaryClassification)
        {
            return Sigmoid(f);
        }
        var error = _profile.ModelErrors.TryGetValue(modelName, out var own) ? own : _profile.DefaultModelError;
        return f + error * Noise.Gaussian(record.Stream, 0, ChModelError);
    }

    private double Predictor(CapturedRecord record, double blend) =>
        blend <= 0 || _after is null ? _before.At(record) : (1 - blend) * _before.At(record) + blend * _after.At(record);

    private static double Sigmoid(double f) => 1 / (1 + Math.Exp(-f));

    /// <summary>A <see cref="LinearOutcome"/> indexed by feature position.</summary>
    private sealed class Linear
    {
        private readonly double _intercept;
        private readonly (double Mean, double StdDev, double Weight)[] _numeric;
        private readonly Dictionary<string, double>?[] _categories;
        private readonly double[] _missing;

        public Linear(IReadOnlyList<CaptureFeature> features, LinearOutcome outcome)
        {
            _intercept = outcome.Intercept;
            _numeric = new (double, double, double)[features.Count];
            _categories = new Dictionary<string, double>?[features.Count];
            _missing = new double[features.Count];
            for (var i = 0; i < features.Count; i++)
            {
                switch (features[i])
                {
                    case NumericFeature numeric:
                        _numeric[i] = (numeric.Mean, numeric.StdDev, outcome.Weights.GetValueOrDefault(numeric.Name));
                        break;
                    case CategoricalFeature categorical:
                        var prefix = categorical.Name + "=";
                        _categories[i] = outcome.Weights.Where(w => w.Key.StartsWith(prefix, StringComparison.Ordinal) && w.Key.Length > prefix.Length)
                            .ToDictionary(w => w.Key[prefix.Length..], w => w.Value, StringComparer.Ordinal);
                        _missing[i] = outcome.Weights.GetValueOrDefault(prefix);
                        break;
                }
            }
        }

        public double At(CapturedRecord record)
        {
            var f = _intercept;
            for (var i = 0; i < _numeric.Length; i++)
            {
                if (_categories[i] is { } weights)
                {
                    f += record.Categories[i] is { } category ? weights.GetValueOrDefault(category) : _missing[i];
                }
                else if (_numeric[i].Weight != 0)
                {
                    f += _numeric[i].Weight * (record.Numbers[i] - _numeric[i].Mean) / _numeric[i].StdDev;
                }
            }
            return f;
        }
    }
}
