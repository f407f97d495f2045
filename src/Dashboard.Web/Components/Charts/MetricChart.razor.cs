using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Dashboard.Web.Components.Charts;

/// <summary>
/// One metric as an ApexCharts chart (through wwwroot/js/metricChart.js) with a table view of the same numbers.
/// The page hands over a complete <see cref="ChartModel"/> for each time range and feeds live points through
/// <see cref="AppendAsync"/>, which sends only the new points to the browser.
/// </summary>
public sealed partial class MetricChart : ComponentBase, IAsyncDisposable
{
    public const string ModulePath = "./js/metricChart.js";

    private static readonly int[] _pageSizes = [10, 25, 50, 100];

    private ElementReference _host;
    private IJSObjectReference? _module;
    private ChartModel? _lastParameter;
    private ChartModel _current = null!;
    private ChartTable? _table;
    private ChartView _view = ChartView.Chart;
    private TimeZoneInfo _timeZone = TimeZoneInfo.Local;
    private bool _chartCreated;
    private bool _needsReplace;
    private bool _disposed;

    internal enum ChartView
    {
        Chart,
        Table,
    }

    [Inject]
    private IJSRuntime JS { get; set; } = null!;

    [Parameter, EditorRequired]
    public ChartModel Model { get; set; } = null!;

    private bool ShowChart => _view == ChartView.Chart && _current.HasPoints;

    // Built lazily: only the table view and the CSV need it, and live appends would otherwise rebuild it per tick.
    private ChartTable Table => _table ??= ChartTable.Build(_current);

    /// <summary>
    /// Appends live points to the series of the same name (new names become new series) and drops points older
    /// than <paramref name="dropBeforeMs"/>, on the chart and in the table, without re-creating the chart.
    /// Safe to call from any thread.
    /// </summary>
    public Task AppendAsync(IReadOnlyList<ChartSeries> delta, long? dropBeforeMs) => InvokeAsync(async () =>
    {
        if (_disposed)
        {
            return;
        }
        _current = _current.WithAppended(delta, dropBeforeMs);
        _table = null;
        if (_module is not null && _chartCreated && !_needsReplace && ShowChart)
        {
            try
            {
                await _module.InvokeVoidAsync("append", _host, ChartJsSeries.From(delta), dropBeforeMs);
            }
            catch (JSDisconnectedException)
            {
                return;
            }
        }
        else if (_chartCreated)
        {
            // The chart is hidden (table view) or about to be replaced: it catches up in one go when shown.
            _needsReplace = true;
        }
        StateHasChanged();
    });

    protected override void OnParametersSet()
    {
        ArgumentNullException.ThrowIfNull(Model);
        if (ReferenceEquals(Model, _lastParameter))
        {
            return;
        }
        _lastParameter = Model;
        _current = Model;
        _table = null;
        _needsReplace = _chartCreated;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            var module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
            if (_disposed)
            {
                await module.DisposeAsync();
                return;
            }
            _module = module;
            _timeZone = ResolveTimeZone(await _module.InvokeAsync<string?>("timeZone"));
        }
        if (_module is null)
        {
            return;
        }
        if (!ShowChart)
        {
            if (!_current.HasPoints && _chartCreated)
            {
                _chartCreated = false;
                await _module.InvokeVoidAsync("destroy", _host);
            }
            return;
        }
        if (!_chartCreated || _needsReplace)
        {
            var function = _chartCreated ? "replace" : "init";
            // Set before awaiting: an append that arrives while this call is in flight is sent after it, and
            // JS interop calls on one circuit run in order.
            _chartCreated = true;
            _needsReplace = false;
            await _module.InvokeVoidAsync(function, _host, ChartJsModel.From(_current));
        }
    }

    private void OnViewChanged(ChartView view)
    {
        if (view == ChartView.Chart && _view != ChartView.Chart && _chartCreated)
        {
            // While hidden, the chart was sized to nothing and skipped appends: redraw it from the current model.
            _needsReplace = true;
        }
        _view = view;
    }

    private async Task DownloadCsvAsync()
    {
        if (_module is null)
        {
            return;
        }
        await _module.InvokeVoidAsync("downloadCsv", ChartCsv.FileName(_current.MetricId), ChartCsv.Build(_current));
    }

    private static bool HasOutlierColumn(ChartTable table) => table.Columns.Any(c => c.Kind == ChartSeriesKind.Outliers);

    private static bool IsOutside(ChartTable table, ChartTableRow row)
    {
        for (var c = 0; c < table.Columns.Count; c++)
        {
            if (table.Columns[c].Kind == ChartSeriesKind.Outliers && row.Cells[c] is not null)
            {
                return true;
            }
        }
        return false;
    }

    private static string FormatCell(double? value) => value is { } v ? ChartFormat.Value(v) : "";

    // The server's zone is not the viewer's; the browser reports its IANA id. Unknown ids fall back to the server's.
    private static TimeZoneInfo ResolveTimeZone(string? id) =>
        !string.IsNullOrEmpty(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Local;

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_module is null)
        {
            return;
        }
        try
        {
            if (_chartCreated)
            {
                await _module.InvokeVoidAsync("destroy", _host);
            }
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the browser's chart with it.
        }
    }
}
