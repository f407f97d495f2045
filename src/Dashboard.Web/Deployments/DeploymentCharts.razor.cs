using System.Globalization;
using Dashboard.Core.Charts;
using Dashboard.Core.Deployments;
using Dashboard.Core.Live;
using Dashboard.Web.Components.Charts;
using Dashboard.Web.Endpoints;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Deployments;

/// <summary>
/// Blue vs green on the deployment page: model latency p90 and 5XX errors of the old and the new config (or the gated
/// canary's control and canary variants) over the deployment's window, with its start, steps and end marked. Reads
/// stored series only, and again when new minutes of the endpoint are stored.
/// </summary>
public sealed partial class DeploymentCharts : IDisposable
{
    public const string BlueColor = "#1565c0";
    public const string GreenColor = "#2e7d32";

    private readonly CancellationTokenSource _disposed = new();
    private BlueGreenView? _view;
    private IReadOnlyList<ChartFeed> _feeds = [];
    private string? _shown;
    private IDisposable? _subscription;

    [Parameter, EditorRequired] public Deployment Deployment { get; set; } = default!;

    [Inject] private BlueGreenCharts Charts { get; set; } = default!;
    [Inject] private LiveStore Live { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    private string Title => Deployment.Plan.IsSageMakers ? "Blue vs green" : "Control vs canary";

    protected override void OnInitialized() =>
        _subscription = Live.Subscribe(change => change.Has(LiveChangeKind.Metrics) && change.Concerns(Deployment.Endpoint)
            && _view is { } view && view.To >= Time.GetUtcNow().ToUnixTimeSeconds() - 120
            ? InvokeAsync(async () => { await LoadAsync(); StateHasChanged(); })
            : Task.CompletedTask, TimeSpan.FromSeconds(5));

    protected override async Task OnParametersSetAsync()
    {
        // The page hands a new deployment object on every change; only a new step or outcome moves the window or the marks.
        var shown = Signature(Deployment);
        if (shown != _shown)
        {
            _shown = shown;
            await LoadAsync();
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            _view = await Charts.LoadAsync(Deployment, Time.GetUtcNow(), _disposed.Token);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            return;
        }
        // Without a single point the note says why; two empty charts would say nothing more.
        _feeds = _view is { HasLines: true } ? Models(_view, Deployment).Select(m => new ChartFeed(m, ReloadAsync)).ToList() : [];
    }

    private async Task<ChartModel?> ReloadAsync(string metricId, CancellationToken cancellationToken)
    {
        var view = await Charts.LoadAsync(Deployment, Time.GetUtcNow(), cancellationToken);
        return view is null ? null : Models(view, Deployment).FirstOrDefault(m => m.MetricId == metricId);
    }

    /// <summary>One chart model per panel: blue and green lines, the deployment's marks as vertical markers.</summary>
    public static IReadOnlyList<ChartModel> Models(BlueGreenView view, Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(view);
        var markers = DeploymentMarkers.ToMarkers(view.Marks, view.To - view.From);
        // The deployment itself shaded, from its start to its end (or now), so the axis spans it even before many points exist.
        var span = view.Marks.Count == 0 ? [] : new[]
        {
            new ChartRange(view.Marks[0].Time.ToUnixTimeMilliseconds(), Math.Max(view.Marks[^1].Time.ToUnixTimeMilliseconds(), deployment.IsOpen ? view.To * 1000 : 0),
                "", DeploymentMarkers.StepColor, Open: deployment.IsOpen),
        };
        return view.Panels.Select(p => new ChartModel($"{p.Id}-{deployment.Id}", p.Title, p.Unit,
            p.Lines.Select(l => new ChartSeries(l.Name, ChartSeriesKind.Line, l.Points.Select(x => new ChartPoint(x.Time * 1000, x.Value)).ToList(),
                l.Side == BlueGreenSide.Blue ? BlueColor : GreenColor)).ToList(), [])
        {
            Markers = markers,
            Ranges = span,
        }).ToList();
    }

    private static string Signature(Deployment d) =>
        $"{d.Id}|{d.Status}|{d.StartedAt?.ToUnixTimeSeconds()}|{d.FinishedAt?.ToUnixTimeSeconds()}|"
        + string.Join(",", d.Steps.Select(s => s.StartedAt?.ToUnixTimeSeconds()));

    private static string WindowText(BlueGreenView view) =>
        $"{Clock(view.From)} – {Clock(view.To)} UTC: from 30 min before the start to 30 min after the end.";

    private static string Clock(long time) =>
        DateTimeOffset.FromUnixTimeSeconds(time).UtcDateTime.ToString("d MMM HH:mm", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _subscription?.Dispose();
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
