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

    // Records of a file list their features in the same order: the feature last seen at a position is the likely one there.
    private readonly (byte[]? Name, FeatureSummary? Summary)[] _byPosition = new (byte[]?, FeatureSummary?)[32];
    private readonly List<FeatureSummary> _columns = [];

    /// <summary>The feature named by UTF-8 bytes at <paramref name="position"/> of its record: compared with the last name there before any lookup.</summary>
    internal FeatureSummary Input(ReadOnlySpan<byte> utf8Name, int position)
    {
        if (position < _byPosition.Length && _byPosition[position].Name is { } known && utf8Name.SequenceEqual(known))
        {
            return _byPosition[position].Summary!;
        }
        Span<char> chars = stackalloc char[128];
        var summary = utf8Name.Length <= chars.Length ? Input(chars[..System.Text.Encoding.UTF8.GetChars(utf8Name, chars)])
            : Input(System.Text.Encoding.UTF8.GetString(utf8Name));
        if (position < _byPosition.Length)
        {
            _byPosition[position] = (utf8Name.ToArray(), summary);
        }
        return summary;
    }

    /// <summary>A headerless column, by index (<c>_c0</c>, <c>_c1</c>…).</summary>
    internal FeatureSummary Column(int index)
    {
        while (_columns.Count <= index)
        {
            _columns.Add(Input(CaptureFileReader.ColumnName(_columns.Count)));
        }
        return _columns[index];
    }
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
