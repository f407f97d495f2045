using Dashboard.Core.Drift.Quality;

namespace Dashboard.Core.Tests.Drift;

public sealed class QualityMetricsTests
{
    [Fact]
    public void RocAuc_MatchesScikitLearnsDocumentedExample()
    {
        // sklearn.metrics.roc_auc_score's docstring: y = [0, 0, 1, 1], scores [0.1, 0.4, 0.35, 0.8] → 0.75.
        var summary = Binary((0.1, false), (0.4, false), (0.35, true), (0.8, true));
        Assert.Equal(0.75, QualityMetrics.RocAuc(summary), 12);
    }

    [Fact]
    public void RocAuc_TiesCountHalf() =>
        Assert.Equal(0.5, QualityMetrics.RocAuc(Binary((0.7, true), (0.7, false))), 12);

    [Fact]
    public void Binary_ConfusionCountsAtOneHalf()
    {
        // Two true positives, one false positive, one true negative, one false negative.
        var summary = Binary((0.9, true), (0.6, true), (0.7, false), (0.2, false), (0.4, true));
        var metrics = QualityMetrics.Compute(summary, ProblemType.BinaryClassification).ToDictionary(m => m.Name);

        Assert.Equal(3 / 5.0, metrics[QualityMetrics.Accuracy].Value, 12);
        Assert.Equal(2 / 3.0, metrics[QualityMetrics.Precision].Value, 12);
        Assert.Equal(2 / 3.0, metrics[QualityMetrics.Recall].Value, 12);
        Assert.Equal(2 / 3.0, metrics[QualityMetrics.F1].Value, 12);
    }

    [Fact]
    public void Accuracy_Interval_IsWilsons()
    {
        // Wilson's 95 % interval for 50 of 100 is 0.4038–0.5962 (e.g. R's binom.wilson, prop.test without correction).
        var summary = new QualitySummary();
        for (var i = 0; i < 100; i++)
        {
            summary.AddBinary(i < 50 ? 0.9 : 0.1, positive: true);
        }
        var accuracy = QualityMetrics.Find(summary, ProblemType.BinaryClassification, QualityMetrics.Accuracy)!;

        Assert.Equal(0.4038, accuracy.Low, 4);
        Assert.Equal(0.5962, accuracy.High, 4);
    }

    [Fact]
    public void Auc_Interval_IsHanleyAndMcNeils()
    {
        // A = 0.75 with two of each class: Q1 = 0.6, Q2 = 0.642857…, SE² = (0.1875 + 0.0375 + 0.080357…) / 4.
        var summary = Binary((0.1, false), (0.4, false), (0.35, true), (0.8, true));
        var auc = QualityMetrics.Find(summary, ProblemType.BinaryClassification, QualityMetrics.Auc)!;
        var se = Math.Sqrt((0.1875 + 0.0375 + (2 * 0.5625 / 1.75 - 0.5625)) / 4);

        Assert.Equal(0.75 - 1.959964 * se, auc.Low, 5);
        Assert.Equal(1, auc.High);
    }

    [Fact]
    public void Regression_MatchesScikitLearnsDocumentedExample()
    {
        // sklearn's docstrings: y_true [3, -0.5, 2, 7], y_pred [2.5, 0.0, 2, 8]: MAE 0.5, MSE 0.375, R² 0.9486081370449679.
        var summary = new QualitySummary();
        foreach (var (label, prediction) in new[] { (3, 2.5), (-0.5, 0.0), (2, 2), (7, 8) })
        {
            summary.AddRegression(prediction, label);
        }
        var metrics = QualityMetrics.Compute(summary, ProblemType.Regression).ToDictionary(m => m.Name);

        Assert.Equal(0.5, metrics[QualityMetrics.Mae].Value, 12);
        Assert.Equal(Math.Sqrt(0.375), metrics[QualityMetrics.Rmse].Value, 12);
        Assert.Equal(0.9486081370449679, metrics[QualityMetrics.R2].Value, 12);
        Assert.True(metrics[QualityMetrics.Mae].HasInterval);
        Assert.False(metrics[QualityMetrics.R2].HasInterval);
    }

    [Fact]
    public void BestConstant_PredictsTheMajorityOrAlwaysPositive()
    {
        var summary = Binary((0.9, true), (0.9, false), (0.1, false), (0.2, false));
        var (accuracy, f1) = QualityMetrics.BestConstant(summary);

        Assert.Equal(0.75, accuracy, 12);
        Assert.Equal(2 * 0.25 / 1.25, f1, 12);
    }

    [Fact]
    public void Merge_GivesTheSameMetricsAsOneSummary()
    {
        var all = Binary((0.1, false), (0.4, false), (0.35, true), (0.8, true));
        var merged = QualitySummary.MergeAll([Binary((0.1, false), (0.35, true)), Binary((0.4, false), (0.8, true))]);

        Assert.Equal(QualityMetrics.Compute(all, ProblemType.BinaryClassification), QualityMetrics.Compute(merged, ProblemType.BinaryClassification));
    }

    [Fact]
    public void Empty_GivesNaNNotAnError() =>
        Assert.All(QualityMetrics.Compute(new QualitySummary(), ProblemType.BinaryClassification), m => Assert.True(double.IsNaN(m.Value)));

    private static QualitySummary Binary(params (double Score, bool Positive)[] predictions)
    {
        var summary = new QualitySummary();
        foreach (var (score, positive) in predictions)
        {
            summary.AddBinary(score, positive);
        }
        return summary;
    }
}
