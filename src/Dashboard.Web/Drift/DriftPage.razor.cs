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
    private static readonly (string Key, string Text)[] Windows = [("24h", "last 24 h"), ("7d", "last 7 days"), ("1h", "last hour")];

    private DriftOverview? _overview;
    private bool _unknown;
    private FeatureDriftRow? _selected;
    private ChartFeed? _scoreFeed;
    private DistributionComparison? _distribution;
    private string? _feature;
    private string _window = "24h";
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

    private int MinRecords => Options.Value.MinRecordsPerScore;

    protected override void OnInitialized() =>
        _subscription = Live.Subscribe(change => change.Has(LiveChangeKind.Metrics) && change.Endpoints.Contains(Name)
            ? InvokeAsync(LoadAsync) : Task.CompletedTask, TimeSpan.FromSeconds(5));

    protected override async Task OnParametersSetAsync()
    {
        _window = Windows.Any(w => w.Key == Window) ? Window! : "24h";
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
        if (_selected is not null)
        {
            var now = Time.GetUtcNow().ToUnixTimeSeconds();
            var span = _window switch { "7d" => 7 * 86_400L, "1h" => 3600L, _ => 86_400L };
            _distribution = await Queries.DistributionAsync(Name, _selected.Feature, now - span, now, _disposed.Token);
        }
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

    private string FeatureUrl(string feature, string? window = null) =>
        $"/endpoints/{Uri.EscapeDataString(Name)}/drift?feature={Uri.EscapeDataString(feature)}&window={window ?? _window}";

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
