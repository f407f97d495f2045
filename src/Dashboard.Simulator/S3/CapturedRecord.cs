namespace Dashboard.Simulator.S3;

/// <summary>
/// One captured request before it is written: when, its ids, and its inputs in the profile's feature order (a number
/// for numeric features; a category, or null when missing, for categorical ones). <see cref="Stream"/> seeds every
/// other draw about it (the serving fleet, the true outcome, when its label arrives).
/// </summary>
internal sealed class CapturedRecord(ulong stream, DateTimeOffset time, int features)
{
    public ulong Stream { get; } = stream;

    public DateTimeOffset Time { get; } = time;

    public string EventId { get; set; } = "";

    public string? InferenceId { get; set; }

    public double[] Numbers { get; } = new double[features];

    public string?[] Categories { get; } = new string?[features];

    /// <summary>A missing category is left out of a JSON payload (true) or written as null (false).</summary>
    public bool[] Absent { get; } = new bool[features];

    /// <summary>The id ground truth joins on: the inference id when the caller passed one, else the event id.</summary>
    public string JoinId => InferenceId ?? EventId;
}
