using Dashboard.Core.Drift.Capture;
using Dashboard.Core.Drift.Quality;
using Dashboard.Core.Drift.Summaries;

namespace Dashboard.Core.Drift.DataSets;

/// <summary>
/// A baseline data set read from S3, summarised as captured hours are: one summary per feature (the prediction's under
/// <see cref="CaptureFileReader.PredictionFeature"/> when the set has one), the labelled quality when it has both a label
/// and a prediction column, and the rows it could not use.
/// </summary>
/// <param name="Columns">The feature columns in the file's order, label and prediction left out: headerless captured CSV
/// columns (<c>_c0</c>, <c>_c1</c>…) take these names.</param>
/// <param name="LabelColumn">The label column found, or null.</param>
public sealed record BaselineDataSet(string Uri, IReadOnlyList<string> Columns, IReadOnlyDictionary<string, FeatureSummary> Features, QualitySummary Quality,
    long Records, int Skipped, IReadOnlyList<CaptureProblem> Problems, string? LabelColumn)
{
    /// <summary>The features with at least one value (the prediction aside): a data set without one cannot be a baseline.</summary>
    public IEnumerable<string> UsableFeatures => Features
        .Where(f => f.Key != CaptureFileReader.PredictionFeature && f.Value.Numbers.Count + f.Value.Categories.Total > 0)
        .Select(f => f.Key);
}

public enum DataSetFormat
{
    Csv,
    JsonLines,
}
