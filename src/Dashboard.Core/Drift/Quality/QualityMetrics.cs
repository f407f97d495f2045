using MathNet.Numerics.Distributions;

namespace Dashboard.Core.Drift.Quality;

/// <summary>A quality metric's value with its 95 % confidence interval (NaN bounds: no interval for it).</summary>
public sealed record QualityMetric(string Name, double Value, double Low, double High)
{
    public bool HasInterval => double.IsFinite(Low) && double.IsFinite(High);
}

/// <summary>
/// The metrics of a quality summary with 95 % intervals: Wilson's for accuracy, precision, recall (and F1, taken as the
/// proportion 2TP / (2TP + FP + FN), an approximation); Hanley &amp; McNeil's standard error for ROC AUC; normal
/// intervals from the errors' moments for MAE and RMSE; none for R². Best constant classifier as Model Monitor reports it.
/// </summary>
public static class QualityMetrics
{
    public const string Accuracy = "accuracy";
    public const string Precision = "precision";
    public const string Recall = "recall";
    public const string F1 = "f1";
    public const string Auc = "auc";
    public const string Rmse = "rmse";
    public const string Mae = "mae";
    public const string R2 = "r2";

    private static readonly double Z = Normal.InvCDF(0, 1, 0.975);

    public static IReadOnlyList<string> For(ProblemType type) =>
        type == ProblemType.BinaryClassification ? [Accuracy, Precision, Recall, F1, Auc] : [Rmse, Mae, R2];

    /// <summary>Whether a larger value is better (every classifier metric and R²) or worse (errors).</summary>
    public static bool HigherIsBetter(string metric) => metric is not Rmse and not Mae;

    /// <summary>The metric as sentences name it: "F1", "RMSE", "ROC AUC", "accuracy".</summary>
    public static string Label(string metric) => metric switch
    {
        F1 => "F1",
        Auc => "ROC AUC",
        Rmse => "RMSE",
        Mae => "MAE",
        R2 => "R²",
        _ => metric,
    };

    public static IReadOnlyList<QualityMetric> Compute(QualitySummary summary, ProblemType type) =>
        type == ProblemType.BinaryClassification ? Binary(summary) : Regression(summary);

    public static QualityMetric? Find(QualitySummary summary, ProblemType type, string metric) =>
        Compute(summary, type).FirstOrDefault(m => m.Name == metric);

    /// <summary>Accuracy and F1 of the best constant classifier: always the majority class, and always positive.</summary>
    public static (double Accuracy, double F1) BestConstant(QualitySummary s)
    {
        var total = s.TruePositives + s.FalsePositives + s.TrueNegatives + s.FalseNegatives;
        if (total == 0)
        {
            return (double.NaN, double.NaN);
        }
        var positive = (double)(s.TruePositives + s.FalseNegatives) / total;
        return (Math.Max(positive, 1 - positive), 2 * positive / (1 + positive));
    }

    /// <summary>
    /// What the best constant predictor scores on the same labels: for a classifier, always the majority class
    /// (accuracy) or always positive (precision, recall, F1; AUC 0.5); for a regressor, always the labels' mean
    /// (RMSE their standard deviation, R² 0). NaN where it cannot be told (MAE needs the labels' median).
    /// </summary>
    public static double BestConstant(QualitySummary s, ProblemType type, string metric)
    {
        if (type == ProblemType.BinaryClassification)
        {
            var total = s.TruePositives + s.FalsePositives + s.TrueNegatives + s.FalseNegatives;
            if (total == 0)
            {
                return double.NaN;
            }
            var positive = (double)(s.TruePositives + s.FalseNegatives) / total;
            return metric switch
            {
                Accuracy => Math.Max(positive, 1 - positive),
                Precision => positive,
                Recall => positive > 0 ? 1 : double.NaN,
                F1 => 2 * positive / (1 + positive),
                Auc => 0.5,
                _ => double.NaN,
            };
        }
        if (s.Count == 0)
        {
            return double.NaN;
        }
        var mean = s.SumLabel / s.Count;
        return metric switch
        {
            Rmse => Math.Sqrt(Math.Max(0, s.SumSquaredLabel / s.Count - mean * mean)),
            R2 => 0,
            _ => double.NaN,
        };
    }

    public static double RocAuc(QualitySummary s)
    {
        double positives = s.PositiveScores.Sum(), negatives = s.NegativeScores.Sum();
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }
        double pairs = 0, below = 0;
        for (var i = 0; i < QualitySummary.ScoreBins; i++)
        {
            // Pairs within one bin count as ties.
            pairs += s.PositiveScores[i] * (below + s.NegativeScores[i] / 2.0);
            below += s.NegativeScores[i];
        }
        return pairs / (positives * negatives);
    }

    private static List<QualityMetric> Binary(QualitySummary s)
    {
        var (tp, fp, tn, fn) = (s.TruePositives, s.FalsePositives, s.TrueNegatives, s.FalseNegatives);
        var auc = RocAuc(s);
        var (aucLow, aucHigh) = AucInterval(auc, tp + fn, tn + fp);
        return
        [
            Proportion(Accuracy, tp + tn, tp + tn + fp + fn),
            Proportion(Precision, tp, tp + fp),
            Proportion(Recall, tp, tp + fn),
            Proportion(F1, 2 * tp, 2 * tp + fp + fn),
            new QualityMetric(Auc, auc, aucLow, aucHigh),
        ];
    }

    private static List<QualityMetric> Regression(QualitySummary s)
    {
        var n = (double)s.Count;
        if (n == 0)
        {
            return [new(Rmse, double.NaN, double.NaN, double.NaN), new(Mae, double.NaN, double.NaN, double.NaN), new(R2, double.NaN, double.NaN, double.NaN)];
        }
        var mse = s.SumSquaredError / n;
        var mae = s.SumAbsoluteError / n;
        var maeSpread = Z * Math.Sqrt(Math.Max(0, mse - mae * mae) / n);
        var mseSpread = Z * Math.Sqrt(Math.Max(0, s.SumFourthPowerError / n - mse * mse) / n);
        var total = s.SumSquaredLabel - s.SumLabel * s.SumLabel / n;
        return
        [
            new(Rmse, Math.Sqrt(mse), Math.Sqrt(Math.Max(0, mse - mseSpread)), Math.Sqrt(mse + mseSpread)),
            new(Mae, mae, Math.Max(0, mae - maeSpread), mae + maeSpread),
            new(R2, total > 0 ? 1 - s.SumSquaredError / total : double.NaN, double.NaN, double.NaN),
        ];
    }

    /// <summary>Wilson's score interval for successes out of trials.</summary>
    private static QualityMetric Proportion(string name, long successes, long trials)
    {
        if (trials == 0)
        {
            return new QualityMetric(name, double.NaN, double.NaN, double.NaN);
        }
        var p = (double)successes / trials;
        var z2 = Z * Z;
        var centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
        var spread = Z * Math.Sqrt(p * (1 - p) / trials + z2 / (4.0 * trials * trials)) / (1 + z2 / trials);
        return new QualityMetric(name, p, Math.Max(0, centre - spread), Math.Min(1, centre + spread));
    }

    /// <summary>Hanley &amp; McNeil (1982): the standard error of an AUC from the counts of each class.</summary>
    private static (double Low, double High) AucInterval(double auc, long positives, long negatives)
    {
        if (!double.IsFinite(auc))
        {
            return (double.NaN, double.NaN);
        }
        var q1 = auc / (2 - auc);
        var q2 = 2 * auc * auc / (1 + auc);
        var variance = (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc)) / ((double)positives * negatives);
        var spread = Z * Math.Sqrt(Math.Max(0, variance));
        return (Math.Max(0, auc - spread), Math.Min(1, auc + spread));
    }
}
