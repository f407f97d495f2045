namespace Dashboard.Web.Components.Charts;

/// <summary>
/// One chart's model on its way to the browser. <see cref="MetricChart"/> takes the series out once, draws them, and
/// lets them go: after the first render only the browser's chart holds the points, so an open page costs the server
/// little. The table view and the CSV ask <see cref="ReloadAsync"/> for them again.
/// </summary>
public sealed class ChartFeed
{
    private readonly Func<string, CancellationToken, Task<ChartModel?>> _reload;
    private ChartModel? _model;

    /// <param name="reload">
    /// The chart's model as it is now (the same range, newer points included), by metric id; null when there is none.
    /// It must not capture <paramref name="model"/>, or the series stay held.
    /// </param>
    public ChartFeed(ChartModel model, Func<string, CancellationToken, Task<ChartModel?>> reload)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model.WithAxisFitted();
        _reload = reload;
        Shell = _model.WithoutSeries();
    }

    /// <summary>Everything but the series: id, title, unit, rule, overlays.</summary>
    public ChartModel Shell { get; }

    public string MetricId => Shell.MetricId;

    /// <summary>True once the chart has taken the model.</summary>
    public bool IsTaken => Volatile.Read(ref _model) is null;

    /// <summary>The model, once: later calls (a re-created chart) get null and reload.</summary>
    public ChartModel? Take() => Interlocked.Exchange(ref _model, null);

    public Task<ChartModel?> ReloadAsync(CancellationToken cancellationToken) => _reload(MetricId, cancellationToken);
}
