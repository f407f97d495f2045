using System.Globalization;
using Dashboard.Core.Drift;
using Dashboard.Core.Live;
using Dashboard.Web.Components.Charts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Drift;

public partial class DriftPage
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    private DriftOverview? _overview;
    private bool _unknown;
    private FeatureDriftRow? _selected;
    private ChartFeed? _scoreFeed;
    private DistributionComparison? _distribution;
    private string? _feature;
    private DistributionWindow _range = DistributionWindow.Parse(null, null, null, DateTimeOffset.UnixEpoch, 1);
    private Core.Drift.Quality.QualitySeries? _qualitySeries;
    private IDisposable? _subscription;
    private readonly CancellationTokenSource _disposed = new();

    [Inject] private DriftQueries Queries { get; set; } = default!;
    [Inject] private Core.Storage.IFleetStore Fleet { get; set; } = default!;
    [Inject] private LiveStore Live { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IOptions<DriftOptions> Options { get; set; } = default!;

    [Parameter] public string Name { get; set; } = "";
    [SupplyParameterFromQuery(Name = "feature")] public string? Feature { get; set; }
    [SupplyParameterFromQuery(Name = "window")] public string? Window { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }
    [SupplyParameterFromQuery(Name = QualityCard.MetricKey)] public string? QualityMetric { get; set; }
    [SupplyParameterFromQuery(Name = QualityCard.PerKey)] public string? QualityPer { get; set; }
    [SupplyParameterFromQuery(Name = QualityCard.DaysKey)] public string? QualityDays { get; set; }

    private int MinRecords => Options.Value.MinRecordsPerScore;

    protected override void OnInitialized() =>
        _subscription = Live.Subscribe(change => change.Has(LiveChangeKind.Metrics) && change.Endpoints.Contains(Name)
            ? InvokeAsync(LoadAsync) : Task.CompletedTask, TimeSpan.FromSeconds(5));

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        // A name the fleet does not have reads nothing (the fleet still empty at start: wait for it).
        _unknown = await Fleet.FindAsync(Name, _disposed.Token) is null && (await Fleet.ListAsync(_disposed.Token)).Count > 0;
        if (_unknown)
        {
            StateHasChanged();
            return;
        }
        _overview = await Queries.LoadAsync(Name, _disposed.Token);
        _selected = _overview.Features.FirstOrDefault(f => f.Feature == Feature) ?? _overview.Features.FirstOrDefault(f => f.Drifted);
        _feature = _selected?.Feature;
        _scoreFeed = _selected is null ? null : new ChartFeed(ScoreChart(_selected), (_, _) => Task.FromResult<ChartModel?>(ScoreChart(_selected)));
        // Parsed per load: a preset ("last 24 h") moves with the clock on live updates.
        _range = DistributionWindow.Parse(Window, From, To, Time.GetUtcNow(), Options.Value.RetentionDays);
        if (_selected is not null)
        {
            _distribution = await Queries.DistributionAsync(Name, _selected.Feature, _range.From, _range.To, _disposed.Token);
        }
        _qualitySeries = _overview.Quality is null ? null : await Queries.QualitySeriesAsync(Name, QualityCard.GranularityOf(QualityPer),
            QualityCard.DaysOf(QualityDays), _disposed.Token);
        StateHasChanged();
    }

    private Task SelectAsync(string feature)
    {
        Navigation.NavigateTo(FeatureUrl(feature));
        return Task.CompletedTask;
    }

    private ChartModel ScoreChart(FeatureDriftRow row)
    {
        var points = row.Trend.Select(p => new ChartPoint(p.Time * 1000, p.Value)).ToList();
        var series = new List<ChartSeries> { new("drift score", ChartSeriesKind.Line, points) };
        if (row.ScoreBand is { } band && points.Count > 0)
        {
            series.Add(new ChartSeries("usual during the baseline", ChartSeriesKind.BaselineBand,
                points.Select(p => new ChartPoint(p.TimeMs, band.Low, band.High)).ToList()));
        }
        return new ChartModel("drift-score", $"Drift of {Label(row)}", "", series,
            [new ChartAnnotation(row.Setting.Threshold, $"threshold {Score(row.Setting.Threshold)}", "#e65100")]).WithAxisFitted();
    }

    // Keeps the other choices in the URL (distribution window, quality chart).
    private string FeatureUrl(string feature) => Navigation.GetUriWithQueryParameter("feature", feature);

    private static string Label(FeatureDriftRow row) => row.IsOutput ? "prediction (the model's output)" : row.Feature;

    internal static string Score(double? score) => score is { } value ? value.ToString("0.000", Culture) : "–";

    internal static string Percent(double share) => double.IsNaN(share) ? "–" : share == 0 ? "0 %" : share < 0.001 ? "<0.1 %" : (share * 100).ToString("0.#", Culture) + " %";

    private string Ago(DateTimeOffset at)
    {
        var seconds = (Time.GetUtcNow() - at).TotalSeconds;
        return seconds < 90 ? "just now" : $"{Math.Round(seconds / 60)} min ago";
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
