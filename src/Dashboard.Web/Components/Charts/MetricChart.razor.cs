using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Dashboard.Web.Components.Charts;

/// <summary>
/// One metric as an ApexCharts chart (through wwwroot/js/metricChart.js) with a table view of the same numbers.
/// The page hands over a <see cref="ChartFeed"/> for each time range and feeds live points through
/// <see cref="AppendAsync"/>, which sends only the new points to the browser. Once drawn, the series live only in the
/// browser: the table view and the CSV fetch them again through the feed, and let them go when the chart is shown.
/// </summary>
public sealed partial class MetricChart : ComponentBase, IAsyncDisposable
{
    public const string ModulePath = "./js/metricChart.js";

    private static readonly int[] PageSizes = [10, 25, 50, 100];

    private readonly CancellationTokenSource _disposedSource = new();
    private ElementReference _host;
    private IJSObjectReference? _module;
    private ChartFeed? _feed;
    private ChartModel _shell = null!;
    // The series, only while the server needs them: not drawn yet, or shown as a table.
    private ChartModel? _held;
    private long? _newestMs;
    private ChartTable? _table;
    private static readonly ChartView[] Views = [ChartView.Chart, ChartView.Table];

    private ChartView _view = ChartView.Chart;
    private TimeZoneInfo _timeZone = TimeZoneInfo.Local;
    private bool _chartCreated;
    private bool _redraw;
    private bool _disposed;

    internal enum ChartView
    {
        Chart,
        Table,
    }

    [Inject]
    private IJSRuntime JS { get; set; } = null!;

    [Parameter, EditorRequired]
    public ChartFeed Feed { get; set; } = null!;

    private bool HasPoints => _newestMs is not null;

    private bool ShowChart => _view == ChartView.Chart && HasPoints;

    // Built lazily: only the table view and the CSV need it, and live appends would otherwise rebuild it per tick.
    private ChartTable? Table => _held is null ? null : _table ??= ChartTable.Build(_held);

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
        if (ChartModel.NewestOf(delta) is { } newest && (_newestMs is null || newest > _newestMs))
        {
            _newestMs = newest;
        }
        if (dropBeforeMs is { } cutoff && _newestMs < cutoff)
        {
            _newestMs = null;
        }
        if (_held is not null)
        {
            _held = _held.WithAppended(delta, dropBeforeMs);
            _table = null;
        }
        if (_module is not null && _chartCreated && !_redraw && ShowChart)
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
            _redraw = true;
        }
        StateHasChanged();
    });

    protected override async Task OnParametersSetAsync()
    {
        ArgumentNullException.ThrowIfNull(Feed);
        if (ReferenceEquals(Feed, _feed))
        {
            return;
        }
        _feed = Feed;
        _shell = Feed.Shell;
        // Null when an earlier instance of this chart took the model (the page re-created the component).
        _held = Feed.Take() ?? await Feed.ReloadAsync(_disposedSource.Token) ?? _shell;
        _newestMs = _held.NewestTimeMs;
        _table = null;
        _redraw = _chartCreated;
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
            if (!HasPoints && _chartCreated)
            {
                _chartCreated = false;
                // Later live points start a new chart from here.
                _held ??= _shell;
                await _module.InvokeVoidAsync("destroy", _host);
            }
            return;
        }
        if (!_chartCreated || _redraw)
        {
            var model = _held ?? await _feed!.ReloadAsync(_disposedSource.Token);
            if (model is null || _disposed)
            {
                return;
            }
            var function = _chartCreated ? "replace" : "init";
            // Set before awaiting: an append that arrives while this call is in flight is sent after it, and
            // JS interop calls on one circuit run in order.
            _chartCreated = true;
            _redraw = false;
            _held = null;
            _table = null;
            await _module.InvokeVoidAsync(function, _host, ChartJsModel.From(model));
        }
    }

    private async Task OnViewChanged(ChartView view)
    {
        if (view == _view)
        {
            return;
        }
        _view = view;
        if (view == ChartView.Chart)
        {
            // While hidden, the chart was sized to nothing and skipped appends: redraw it from the table's series.
            _redraw = _chartCreated;
            return;
        }
        _held ??= await _feed!.ReloadAsync(_disposedSource.Token);
        _table = null;
    }

    private async Task DownloadCsvAsync()
    {
        if (_module is null || _held is null)
        {
            return;
        }
        await _module.InvokeVoidAsync("downloadCsv", ChartCsv.FileName(_shell.MetricId), ChartCsv.Build(_held));
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
        _held = null;
        // Cancelled, not disposed: a reload still in flight may read the token.
        _disposedSource.Cancel();
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
