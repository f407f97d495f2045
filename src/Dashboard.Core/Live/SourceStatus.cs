namespace Dashboard.Core.Live;

/// <summary>How polling one source (SageMaker, CloudWatch) is going.</summary>
public sealed record SourceStatus(
    string Source,
    DateTimeOffset? LastSuccess,
    DateTimeOffset? LastFailure,
    string? LastError,
    int ConsecutiveFailures)
{
    /// <summary>The source is failing: its last attempt failed.</summary>
    public bool IsFailing => ConsecutiveFailures > 0;
}

/// <summary>Progress of the history backfill: windows are fetched newest first.</summary>
public sealed record BackfillProgress(int WindowsDone, int WindowsTotal, DateTimeOffset? OldestFetched)
{
    public static readonly BackfillProgress None = new(0, 0, null);

    public bool IsRunning => WindowsTotal > 0 && WindowsDone < WindowsTotal;

    public double Percent => WindowsTotal == 0 ? 100 : 100.0 * WindowsDone / WindowsTotal;
}
