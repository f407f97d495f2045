using Dashboard.Core.Drift;
using Dashboard.Core.Drift.Quality;

namespace Dashboard.Core.Tests.Drift;

public sealed class QualitySeriesTests
{
    private static readonly long Day = new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    [Fact]
    public void Hourly_HoursWithTooFewLabels_HaveNoMetrics_AndEveryHourOfTheWindowHasAPoint()
    {
        var hours = new[] { Hour(Day + 3600, Classified(truePositives: 15, falsePositives: 5), predictions: 50), Hour(Day + 7200, Classified(30, 10), predictions: 40) };

        var series = QualitySeries.Build(hours, new QualitySummary(), ProblemType.BinaryClassification, QualityGranularity.Hour, Day, Day + 4 * 3600);

        Assert.Equal([Day, Day + 3600, Day + 7200, Day + 10_800], series.Points.Select(p => p.Start));
        Assert.Equal([false, false, true, false], series.Points.Select(p => p.HasEnoughLabels));
        Assert.Empty(series.Points[1].Metrics);
        Assert.Equal((50L, 20L, 0.4), (series.Points[1].Predictions, series.Points[1].Labelled, series.Points[1].LabelledShare));
        Assert.Equal(0.75, series.Points[2].Metric(QualityMetrics.Precision)!.Value, 12);
        Assert.True(double.IsNaN(series.Points[0].LabelledShare));
    }

    [Fact]
    public void Daily_MergesTheDaysHours_SoTwoThinHoursMakeOnePointWithTheMergedInterval()
    {
        // 20 labels each: too few for an hour, together 40 (30 right) for the day.
        var hours = new[] { Hour(Day + 3600, Classified(truePositives: 15, falsePositives: 5)), Hour(Day + 7200, Classified(trueNegatives: 15, falseNegatives: 5)) };

        var series = QualitySeries.Build(hours, new QualitySummary(), ProblemType.BinaryClassification, QualityGranularity.Day, Day, Day + 2 * 86_400);

        Assert.Equal(2, series.Points.Count);
        var day = series.Points[0];
        Assert.True(day.HasEnoughLabels);
        Assert.Equal(40, day.Labelled);
        var accuracy = day.Metric(QualityMetrics.Accuracy)!;
        // Wilson's 95 % interval for 30 of 40, from the textbook formula evaluated separately (Python, z = 1.959964).
        Assert.Equal((0.75, 0.598060, 0.858129), (accuracy.Value, Math.Round(accuracy.Low, 6), Math.Round(accuracy.High, 6)));
        // Half the labels are positive: the majority class scores 0.5, "always positive" an F1 of 2/3.
        Assert.Equal(0.5, day.BestConstant[QualityMetrics.Accuracy], 12);
        Assert.Equal(2.0 / 3, day.BestConstant[QualityMetrics.F1], 12);
        Assert.False(series.Points[1].HasEnoughLabels);
    }

    [Fact]
    public void Regression_BaselineAndBestConstant_AreTheReferenceMetricsAndTheLabelsSpread()
    {
        var labels = new QualitySummary();
        foreach (var label in Enumerable.Range(0, 40).Select(i => new[] { 1.0, 2, 3, 4, 10 }[i % 5]))
        {
            labels.AddRegression(label + 1, label);
        }
        var reference = new QualitySummary();
        reference.AddRegression(3, 1);

        var series = QualitySeries.Build([Hour(Day, labels)], reference, ProblemType.Regression, QualityGranularity.Hour, Day, Day + 3600);

        var point = Assert.Single(series.Points);
        Assert.Equal(1, point.Metric(QualityMetrics.Rmse)!.Value, 12);
        // Always predicting the mean errs by the labels' standard deviation (population: 3.16228 for 1, 2, 3, 4, 10).
        Assert.Equal(Math.Sqrt(10), point.BestConstant[QualityMetrics.Rmse], 9);
        Assert.True(double.IsNaN(point.BestConstant[QualityMetrics.Mae]));
        Assert.Equal(2, series.Baseline.Single(m => m.Name == QualityMetrics.Rmse).Value, 12);
    }

    private static QualityHour Hour(long hour, QualitySummary summary, long? predictions = null) =>
        new(hour, summary, predictions ?? summary.Count, summary.Count);

    private static QualitySummary Classified(int truePositives = 0, int falsePositives = 0, int trueNegatives = 0, int falseNegatives = 0)
    {
        var summary = new QualitySummary();
        for (var i = 0; i < truePositives; i++)
        {
            summary.AddBinary(0.9, positive: true);
        }
        for (var i = 0; i < falsePositives; i++)
        {
            summary.AddBinary(0.9, positive: false);
        }
        for (var i = 0; i < trueNegatives; i++)
        {
            summary.AddBinary(0.1, positive: false);
        }
        for (var i = 0; i < falseNegatives; i++)
        {
            summary.AddBinary(0.1, positive: true);
        }
        return summary;
    }
}
