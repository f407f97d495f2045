using Dashboard.Core.Alarms;
using Dashboard.Core.Audit;
using Dashboard.Core.Baselines;
using Dashboard.Core.Charts;
using Dashboard.Core.Collectors;
using Dashboard.Core.Fleet;
using Dashboard.Core.Live;
using Dashboard.Core.Metrics;
using Dashboard.Core.Overview;
using Dashboard.Core.Storage;
using Dashboard.Web.Accounts;
using Dashboard.Web.Components.Charts;
using Dashboard.Web.Endpoints;
using Dashboard.Web.Navigation;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Endpoints;

public partial class EndpointPage
{
    private EndpointState? _endpoint;
    private EndpointRow? _row;
    private FleetOverview? _overview;
    private bool _fleetKnown;
    private EndpointView _view = default!;
    private BaselinePin? _teamPin;
    // The charts' series are handed over once: after the first render only the browser holds them (ChartFeed).
    private IReadOnlyList<ChartFeed>? _feeds;
    private SeriesFilter _filter = SeriesFilter.All;
    private bool _canEditAlarms;
    private string? _filterFor;
    private string _baselineRule = "";
    private long _lastPointTime;
    private int _step = Rollups.Minute;
    private long? _historyStart;
    private bool _showChanges;
    private IDisposable? _subscription;
    private readonly CancellationTokenSource _disposed = new();
    private CancellationTokenRegistration _requestAborted;
    private string? _rangeNotice;
    private IReadOnlyDictionary<string, string> _staleness = new Dictionary<string, string>();

    [Inject] private EndpointCharts ChartQueries { get; set; } = default!;
    [Inject] private FleetOverviewService Overviews { get; set; } = default!;
    [Inject] private IFleetStore FleetStore { get; set; } = default!;
    [Inject] private LiveStore Live { get; set; } = default!;
    [Inject] private IAlarmStore AlarmStore { get; set; } = default!;
    [Inject] private IAuditQueries Audit { get; set; } = default!;
    [Inject] private Core.Deployments.IDeploymentStore Deployments { get; set; } = default!;
    [Inject] private IBaselinePinStore Pins { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private IHttpContextAccessor HttpContexts { get; set; } = default!;
    [Inject] private ICurrentActor CurrentActor { get; set; } = default!;
    [Inject] private ICoverageQueries Coverage { get; set; } = default!;
    [Inject] private IOptions<CollectorOptions> CollectorOptions { get; set; } = default!;

    [Parameter] public string Name { get; set; } = "";
    [SupplyParameterFromQuery(Name = "range")] public string? Range { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }
    [SupplyParameterFromQuery(Name = "compare")] public string? Compare { get; set; }
    [SupplyParameterFromQuery(Name = "pinFrom")] public string? PinFrom { get; set; }
    [SupplyParameterFromQuery(Name = "pinTo")] public string? PinTo { get; set; }
    [SupplyParameterFromQuery(Name = "baseline")] public string? Baseline { get; set; }

    private Dictionary<string, MetricChart> Charts { get; } = new(StringComparer.Ordinal);

    protected override void OnInitialized()
    {
        // A prerender's work belongs to its HTTP request: a browser that goes away stops it (a circuit's stops in Dispose).
        if (!RendererInfo.IsInteractive && HttpContexts.HttpContext is { } http)
        {
            _requestAborted = http.RequestAborted.Register(_disposed.Cancel);
        }
        _subscription = Live.Subscribe(change => InvokeAsync(() => OnLiveChangeAsync(change)), TimeSpan.FromSeconds(1));
    }

    protected override async Task OnParametersSetAsync()
    {
        var now = Time.GetUtcNow();
        var asked = new EndpointView(
            TimeRange.Parse(Range, From, To, now),
            DashboardUrls.ParseCompare(Compare),
            TimeRange.TryParseTime(PinFrom, out var pinFrom) ? pinFrom : null,
            TimeRange.TryParseTime(PinTo, out var pinTo) ? pinTo : null,
            DashboardUrls.ParseSeasonal(Baseline));
        // The URL may ask for any years; the page shows what is stored, at most TimeRange.MaxSpan, and says so.
        _canEditAlarms = (await CurrentActor.GetAsync()).Can(Core.Security.Permission.EditAlarms);
        _historyStart = await ChartQueries.HistoryStartAsync(Name, _disposed.Token);
        (_view, _rangeNotice) = CappedView.Of(asked, _historyStart is { } start ? DateTimeOffset.FromUnixTimeSeconds(start) : null, now);
        await LoadEndpointAsync();
        // Read even before the fleet is known: the charts drawn when it arrives must use the same default.
        _teamPin = await Pins.FindAsync(Name, _disposed.Token);
        await LoadPanelsAsync();
    }

    private async Task LoadEndpointAsync()
    {
        var fleet = Live.Fleet.Count > 0 ? Live.Fleet : await FleetStore.ListAsync(_disposed.Token);
        _fleetKnown = fleet.Count > 0;
        _endpoint = fleet.FirstOrDefault(e => e.Name == Name);
        if (_endpoint is not null && _filterFor != _endpoint.Name)
        {
            _filter = SeriesFilter.For(_endpoint);
            _filterFor = _endpoint.Name;
        }
        _overview = await Overviews.GetAsync(_disposed.Token);
        _row = _overview.Rows.FirstOrDefault(r => r.Endpoint.Name == Name);
    }

    private async Task LoadPanelsAsync()
    {
        if (_endpoint is null)
        {
            return;
        }
        var (models, lastPointTime) = await BuildChartsAsync(_endpoint, _view, _disposed.Token);
        _feeds = models.Select(m => new ChartFeed(m, LoadChartAsync)).ToList();
        _lastPointTime = lastPointTime;
        await LoadStalenessAsync(_endpoint);
    }

    /// <summary>How often the rarely read series are read and when they were last: a flat line since then is not news.</summary>
    private async Task LoadStalenessAsync(EndpointState endpoint)
    {
        var coverage = await Coverage.GetCoverageAsync(_disposed.Token);
        _staleness = ChartStaleness.For(endpoint, coverage, CadenceInputs.From(Live), CollectorOptions.Value, Time.GetUtcNow());
    }

    /// <summary>One chart's series as they are now, for its table view or CSV: a live range has moved on since the page opened.</summary>
    private async Task<ChartModel?> LoadChartAsync(string metricId, CancellationToken cancellationToken)
    {
        if (_endpoint is null)
        {
            return null;
        }
        var view = _view.Range.IsRelative ? _view with { Range = TimeRange.Parse(_view.Range.Key, null, null, Time.GetUtcNow()) } : _view;
        using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        var (models, _) = await BuildChartsAsync(_endpoint, view, both.Token);
        return models.FirstOrDefault(m => m.MetricId == metricId);
    }

    private async Task<(IReadOnlyList<ChartModel> Models, long LastPointTime)> BuildChartsAsync(EndpointState endpoint, EndpointView view,
        CancellationToken token)
    {
        var baseline = EndpointBaseline.For(view, _teamPin);
        var request = new ChartRequest(
            view.Range.From.ToUnixTimeSeconds(),
            view.Range.To.ToUnixTimeSeconds(),
            baseline.From,
            baseline.To,
            view.Compare,
            StoredFrom: _historyStart);
        var panels = await ChartQueries.LoadAsync(endpoint, request, token);
        _step = EndpointCharts.StepOf(request);
        _baselineRule = WhoseBaseline(baseline.Source) + ChartQueries.DescribeBaseline(request);
        // A live range keeps growing after the page opened: alarm periods run up to now.
        var overlaysTo = view.Range.IsRelative ? Math.Max(request.To, Time.GetUtcNow().ToUnixTimeSeconds()) : request.To;
        var overlays = await ChartOverlays.LoadAsync(AlarmStore, Audit, Deployments, endpoint.Name, request.From, overlaysTo, _showChanges, token);
        var models = panels.Select(p => _filter.Apply(overlays.Apply(PanelCharts.ToModel(p), p.Spec)) with { NewAlarmUrl = NewAlarmUrl(endpoint, p.Spec) })
            .ToList();
        var lastPointTime = panels.SelectMany(p => p.Lines).Select(l => l.Points.Count > 0 ? l.Points[^1].Time : 0).DefaultIfEmpty(0).Max();
        return (models, lastPointTime);
    }

    /// <summary>A metric chart's way into the alarm editor, prefilled with its metric and band statistic, for those who may edit alarms.</summary>
    private string? NewAlarmUrl(EndpointState endpoint, PanelSpec spec) =>
        _canEditAlarms && spec.Kind == PanelKind.Metric
            ? AlarmUrls.NewFor(endpoint.Name, spec.BandMetric, spec.BandStat, endpoint.Variants.Count == 1 ? endpoint.Variants[0].Name : null)
            : null;

    /// <summary>New points are appended to the charts already drawn; nothing is re-rendered.</summary>
    private async Task OnLiveChangeAsync(LiveChange change)
    {
        if (!change.Concerns(Name) || _disposed.IsCancellationRequested)
        {
            return;
        }
        var hadEndpoint = _endpoint is not null;
        await LoadEndpointAsync();
        // A new alarm state changes the shading, a deployment step adds a marker: redraw (both are rare, metrics arrive every minute).
        if (_endpoint is null || !hadEndpoint || _feeds is null || change.Has(LiveChangeKind.Alarms | LiveChangeKind.Traffic))
        {
            await LoadPanelsAsync();
            StateHasChanged();
            return;
        }
        if (change.Has(LiveChangeKind.Metrics) && _view.Range.IsRelative && _step > Rollups.Minute)
        {
            // A long range is drawn from tier buckets: it moves on when a new bucket begins, by being drawn again.
            var now = Time.GetUtcNow();
            if (Rollups.BucketStart(now.ToUnixTimeSeconds(), _step) > _lastPointTime)
            {
                _view = _view with { Range = TimeRange.Parse(_view.Range.Key, null, null, now) };
                await LoadPanelsAsync();
            }
        }
        else if (change.Has(LiveChangeKind.Metrics) && _view.Range.IsRelative)
        {
            var now = Time.GetUtcNow().ToUnixTimeSeconds();
            var dropBefore = now - (long)_view.Range.Span.TotalSeconds;
            // Never before the range: a chart with no point yet would otherwise read the whole history every minute.
            var lines = await ChartQueries.LoadLinesSinceAsync(_endpoint, Math.Max(_lastPointTime + 1, dropBefore), now + 60, _disposed.Token);
            foreach (var (panelId, panelLines) in lines)
            {
                if (Charts.TryGetValue(panelId, out var chart) && PanelCharts.ToDelta(panelLines).Where(_filter.Shows).ToList() is { Count: > 0 } delta)
                {
                    await chart.AppendAsync(delta, dropBefore * 1000);
                }
            }
            _lastPointTime = Math.Max(_lastPointTime, lines.Values.SelectMany(l => l).Select(l => l.Points.Count > 0 ? l.Points[^1].Time : 0).DefaultIfEmpty(0).Max());
            await LoadStalenessAsync(_endpoint);
        }
        StateHasChanged();
    }

    private async Task SetFilterAsync(SeriesFilter filter)
    {
        _filter = filter;
        await LoadPanelsAsync();
    }

    private async Task SetShowChangesAsync(bool show)
    {
        _showChanges = show;
        await LoadPanelsAsync();
    }

    private Task ReloadPanelsAsync() => LoadPanelsAsync();

    /// <summary>Pinned or unpinned on this page: the default baseline changed, so the charts follow without a reload.</summary>
    private async Task SetTeamPinAsync(BaselinePin? pin)
    {
        _teamPin = pin;
        await LoadPanelsAsync();
    }

    /// <summary>Says whose choice the baseline is when a team pin exists, so nobody mistakes one baseline for the other.</summary>
    private string WhoseBaseline(BaselineSource source) => (source, _teamPin) switch
    {
        (BaselineSource.TeamPin, { } pin) => $"the team's, pinned by {pin.PinnedBy}. ",
        (BaselineSource.Seasonal, not null) => "seasonal, chosen instead of the team's pinned baseline. ",
        (BaselineSource.Window, not null) => "a window other than the team's. ",
        _ => "",
    };

    private void Navigate(EndpointView view) => Navigation.NavigateTo(DashboardUrls.Endpoint(Name, view));

    public void Dispose()
    {
        _requestAborted.Dispose();
        _subscription?.Dispose();
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
