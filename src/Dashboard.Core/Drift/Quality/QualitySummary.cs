namespace Dashboard.Core.Drift.Quality;

public enum ProblemType
{
    BinaryClassification,
    Regression,
}

/// <summary>
/// The labelled predictions of an hour (or, merged, any window), kept so that every quality metric can be computed from
/// it and two summaries merge exactly: for a binary classifier the confusion counts at 0.5 and the scores of each class
/// in <see cref="ScoreBins"/> bins (for ROC AUC); for a regressor the sums of the errors' powers and of the labels.
/// </summary>
public sealed class QualitySummary
{
    public const int ScoreBins = 200;
    public const double Cutoff = 0.5;

    public long TruePositives { get; internal set; }
    public long FalsePositives { get; internal set; }
    public long TrueNegatives { get; internal set; }
    public long FalseNegatives { get; internal set; }

    /// <summary>Scores of the predictions whose label was positive (index: the score's bin) and negative.</summary>
    public long[] PositiveScores { get; } = new long[ScoreBins];
    public long[] NegativeScores { get; } = new long[ScoreBins];

    public long Count { get; internal set; }
    public double SumError { get; internal set; }
    public double SumAbsoluteError { get; internal set; }
    public double SumSquaredError { get; internal set; }
    public double SumFourthPowerError { get; internal set; }
    public double SumLabel { get; internal set; }
    public double SumSquaredLabel { get; internal set; }

    public void AddBinary(double score, bool positive)
    {
        var predicted = score >= Cutoff;
        if (positive)
        {
            _ = predicted ? TruePositives++ : FalseNegatives++;
        }
        else
        {
            _ = predicted ? FalsePositives++ : TrueNegatives++;
        }
        (positive ? PositiveScores : NegativeScores)[Bin(score)]++;
        Count++;
    }

    public void AddRegression(double prediction, double label)
    {
        var error = prediction - label;
        Count++;
        SumError += error;
        SumAbsoluteError += Math.Abs(error);
        SumSquaredError += error * error;
        SumFourthPowerError += error * error * error * error;
        SumLabel += label;
        SumSquaredLabel += label * label;
    }

    public void Merge(QualitySummary other)
    {
        TruePositives += other.TruePositives;
        FalsePositives += other.FalsePositives;
        TrueNegatives += other.TrueNegatives;
        FalseNegatives += other.FalseNegatives;
        for (var i = 0; i < ScoreBins; i++)
        {
            PositiveScores[i] += other.PositiveScores[i];
            NegativeScores[i] += other.NegativeScores[i];
        }
        Count += other.Count;
        SumError += other.SumError;
        SumAbsoluteError += other.SumAbsoluteError;
        SumSquaredError += other.SumSquaredError;
        SumFourthPowerError += other.SumFourthPowerError;
        SumLabel += other.SumLabel;
        SumSquaredLabel += other.SumSquaredLabel;
    }

    public static QualitySummary MergeAll(IEnumerable<QualitySummary> summaries)
    {
        var merged = new QualitySummary();
        foreach (var summary in summaries)
        {
            merged.Merge(summary);
        }
        return merged;
    }

    private static int Bin(double score) => Math.Clamp((int)(score * ScoreBins), 0, ScoreBins - 1);
}
