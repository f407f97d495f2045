namespace Dashboard.Core.Overview;

/// <summary>Configuration section "Overview": how the fleet page judges endpoints.</summary>
public sealed class OverviewOptions
{
    public const string Section = "Overview";

    /// <summary>Model Monitor's default drift threshold (constraints.json comparison_threshold).</summary>
    public double DriftThreshold { get; set; } = 0.1;

    /// <summary>Data older than this counts as delayed.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The overview is recomputed at most this often, however many people have the page open.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);
}
