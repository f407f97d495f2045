namespace Dashboard.Core.Drift;

public enum DriftBaselineKind
{
    /// <summary>Nobody chose one: the first day of captured traffic stands in.</summary>
    FirstDay,

    /// <summary>A window of captured traffic pinned by an engineer.</summary>
    Window,

    /// <summary>The statistics.json of the endpoint's Model Monitor data-quality schedule.</summary>
    ModelMonitor,
}

/// <summary>What an endpoint's drift is measured against, and who chose it when.</summary>
/// <param name="Uri">Where a Model Monitor baseline's statistics.json is.</param>
public sealed record DriftBaseline(string Endpoint, DriftBaselineKind Kind, long From, long To, string? SetBy, DateTimeOffset? SetAt, string? Note,
    string? Uri = null)
{
    /// <summary>Changes whenever the baseline does, so scores computed against another baseline are known to be stale.</summary>
    public string Version => $"{Kind}:{From}:{To}:{Uri}";

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
