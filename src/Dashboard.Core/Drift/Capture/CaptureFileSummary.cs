using Dashboard.Core.Drift.Summaries;

namespace Dashboard.Core.Drift.Capture;

/// <summary>Something in a file that could not be read: its line (1-based) and what was wrong.</summary>
public sealed record CaptureProblem(int Line, string Message);

/// <summary>A captured prediction kept for joining labels that arrive later: numeric score, or the label it predicted.</summary>
public sealed record CapturedPrediction(string JoinId, DateTimeOffset Time, double? Score, string? Label);

/// <summary>One hour of a file's records: how many, and a summary per input feature and of the prediction.</summary>
public sealed class CaptureHour
{
    public long Records { get; internal set; }

    public Dictionary<string, FeatureSummary> Inputs { get; } = new(StringComparer.Ordinal);

    public FeatureSummary Output { get; } = new();

    internal FeatureSummary Input(string name)
    {
        if (!Inputs.TryGetValue(name, out var summary))
        {
            summary = new FeatureSummary();
            Inputs[name] = summary;
        }
        return summary;
    }

    /// <summary>The feature named by characters; its name becomes a string only the first time.</summary>
    internal FeatureSummary Input(ReadOnlySpan<char> name) =>
        Inputs.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out var summary) ? summary : Input(name.ToString());
}

/// <summary>What one capture file held: its records summarised per hour, its predictions, and what could not be read.</summary>
public sealed class CaptureFileSummary
{
    /// <summary>Problems listed by line; beyond this many they are only counted.</summary>
    public const int MaxListedProblems = 20;

    public Dictionary<DateTimeOffset, CaptureHour> Hours { get; } = [];

    public List<CapturedPrediction> Predictions { get; } = [];

    public long Records => Hours.Values.Sum(h => h.Records);

    public int Skipped { get; private set; }

    public List<CaptureProblem> Problems { get; } = [];

    internal CaptureHour Hour(DateTimeOffset hour)
    {
        if (!Hours.TryGetValue(hour, out var summary))
        {
            summary = new CaptureHour();
            Hours[hour] = summary;
        }
        return summary;
    }

    internal void Skip(int line, string message)
    {
        Skipped++;
        if (Problems.Count < MaxListedProblems)
        {
            Problems.Add(new CaptureProblem(line, message));
        }
    }
}
