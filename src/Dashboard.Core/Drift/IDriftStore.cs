using Dashboard.Core.Drift.Capture;
using Dashboard.Core.Drift.Quality;
using Dashboard.Core.Drift.Summaries;

namespace Dashboard.Core.Drift;

/// <summary>One feature of one variant over one hour (Unix seconds at its start).</summary>
public sealed record FeatureHour(string Variant, string Feature, bool IsOutput, long Hour, FeatureSummary Summary);

/// <summary>How many records a variant captured in an hour.</summary>
public sealed record CaptureHourCount(string Variant, long Hour, long Records);

/// <summary>An hour's labelled predictions, and how many predictions it had and how many are labelled yet.</summary>
public sealed record QualityHour(long Hour, QualitySummary Summary, long Predictions, long Labelled);

/// <summary>A file the reader took in, with what it could not read: capture or ground truth.</summary>
public sealed record DriftFile(string Endpoint, string Key, DriftFileKind Kind, DateTimeOffset ReadAt, long Records, int Skipped,
    IReadOnlyList<CaptureProblem> Problems);

public enum DriftFileKind
{
    Capture,
    GroundTruth,
}

/// <summary>What joining a ground-truth file did: labels matched to a prediction, and those without one (or unreadable).</summary>
public sealed record LabelJoin(long Matched, long Unmatched);

/// <summary>
/// The drift reader's storage: which files were read (each exactly once: the file's row and everything it adds are one
/// transaction), feature summaries per variant and hour, captured predictions awaiting labels, and quality per hour.
/// </summary>
public interface IDriftStore
{
    /// <summary>The keys already read under <paramref name="prefix"/> whose hour folder is at or after <paramref name="sinceHour"/>.</summary>
    Task<IReadOnlySet<string>> ReadKeysAsync(string endpoint, string prefix, long sinceHour, CancellationToken cancellationToken = default);

    /// <summary>The hour folder (Unix seconds) of the newest file read under <paramref name="prefix"/>, or null.</summary>
    Task<long?> NewestFileHourAsync(string endpoint, string prefix, CancellationToken cancellationToken = default);

    /// <summary>Merges a capture file into the stored hours; false (and nothing stored) when the key was read before.</summary>
    Task<bool> SaveCaptureFileAsync(string endpoint, string variant, string key, long fileHour, CaptureFileSummary file, bool keepPredictions,
        CancellationToken cancellationToken = default);

    /// <summary>Joins a ground-truth file's labels to stored predictions and adds them to their hours' quality; null when read before.</summary>
    Task<LabelJoin?> SaveLabelFileAsync(string endpoint, string key, long fileHour, IReadOnlyList<GroundTruthLabel> labels, int skipped,
        IReadOnlyList<CaptureProblem> problems, ProblemType problemType, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<FeatureHour>> ReadFeatureHoursAsync(string endpoint, long from, long to, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CaptureHourCount>> ReadCaptureHoursAsync(string endpoint, long from, long to, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<QualityHour>> ReadQualityHoursAsync(string endpoint, long from, long to, CancellationToken cancellationToken = default);

    /// <summary>The newest files that had lines it could not read, newest first.</summary>
    Task<IReadOnlyList<DriftFile>> ReadProblemFilesAsync(string endpoint, int limit, CancellationToken cancellationToken = default);

    /// <summary>Hours (feature, capture, quality) and predictions whose time is before <paramref name="before"/> are deleted.</summary>
    Task PruneAsync(long before, CancellationToken cancellationToken = default);
}
