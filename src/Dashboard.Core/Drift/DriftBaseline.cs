namespace Dashboard.Core.Drift;

public enum DriftBaselineKind
{
    /// <summary>Nobody chose one: the first day of captured traffic stands in.</summary>
    FirstDay,

    /// <summary>A window of captured traffic pinned by an engineer.</summary>
    Window,

    /// <summary>The statistics.json of the endpoint's Model Monitor data-quality schedule.</summary>
    ModelMonitor,

    /// <summary>A data set in S3 (CSV with a header, or JSON Lines) named by an engineer, read once and summarised.</summary>
    DataSet,
}

/// <summary>What an endpoint's drift is measured against, and who chose it when.</summary>
/// <param name="Uri">Where a Model Monitor baseline's statistics.json is, or the data set's URI.</param>
public sealed record DriftBaseline(string Endpoint, DriftBaselineKind Kind, long From, long To, string? SetBy, DateTimeOffset? SetAt, string? Note,
    string? Uri = null)
{
    /// <summary>Changes whenever the baseline does, so scores computed against another baseline are known to be stale.</summary>
    public string Version => Kind == DriftBaselineKind.DataSet ? $"{Kind}:{Uri}:{SetAt?.ToUnixTimeSeconds()}" : $"{Kind}:{From}:{To}:{Uri}";

    /// <summary>Whether the baseline is a span of captured traffic (its hours are stored, and its scores give the usual band).</summary>
    public bool IsWindow => Kind is DriftBaselineKind.FirstDay or DriftBaselineKind.Window;

    public const long MinWindow = 3600;
    public const long MaxWindow = 90 * 86_400L;

    /// <summary>Why a window cannot be a baseline, or null.</summary>
    public static string? Validate(long from, long to, long now) =>
        to <= from ? "The baseline must end after it starts."
        : to - from < MinWindow ? "A baseline window must be at least an hour long."
        : to - from > MaxWindow ? "A baseline window can be at most 90 days long."
        : to > now ? "A baseline window must lie in the past."
        : null;
}
