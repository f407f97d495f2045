using System.Globalization;
using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms.Mirror;
using Dashboard.Core.Alarms;
using Dashboard.Core.Live;
using Dashboard.Core.Security;
using Dashboard.Web.Accounts;
using Dashboard.Web.Navigation;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Alarms;

public partial class AlarmsPage
{
    private const long RecentSeconds = 3 * 3600;

    private IReadOnlyList<AlarmRow> _rows = [];
    private IDisposable? _subscription;
    private bool _canEdit;
    private bool _loaded;

    [Inject] private IAlarmStore Store { get; set; } = default!;
    [Inject] private AlarmInputs Inputs { get; set; } = default!;
    [Inject] private LiveStore Live { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ICurrentActor CurrentActor { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ExternalAlarms External { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "state")] public string? State { get; set; }
    [SupplyParameterFromQuery(Name = "endpoint")] public string? Endpoint { get; set; }
    [SupplyParameterFromQuery(Name = "kind")] public string? Kind { get; set; }
    [SupplyParameterFromQuery(Name = "q")] public string? Search { get; set; }

    private IEnumerable<string> Endpoints => _rows.Select(r => r.Alarm.Endpoint).OfType<string>().Distinct().Order();

    /// <summary>ALARM first, then INSUFFICIENT_DATA, then OK; the longest-standing first within a state.</summary>
    private IEnumerable<AlarmRow> VisibleRows => _rows
        .Where(r => string.IsNullOrEmpty(State) || string.Equals(r.Status.State.ToWire(), State, StringComparison.OrdinalIgnoreCase))
        .Where(r => string.IsNullOrEmpty(Endpoint) || r.Alarm.Endpoint == Endpoint)
        .Where(r => string.IsNullOrEmpty(Kind) || string.Equals(r.Alarm.Kind.ToString(), Kind, StringComparison.OrdinalIgnoreCase))
        .Where(r => string.IsNullOrWhiteSpace(Search)
            || r.Alarm.Name.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase)
            || AlarmText.Watches(r.Alarm).Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase))
        .OrderBy(r => r.Status.State switch { AlarmState.Alarm => 0, AlarmState.InsufficientData => 1, _ => 2 })
        .ThenBy(r => r.Status.Since)
        .ThenBy(r => r.Alarm.Name, StringComparer.Ordinal);

    private IReadOnlyList<ExternalAlarm> VisibleExternal => External.All
        .Where(a => string.IsNullOrEmpty(Endpoint) || a.Endpoint == Endpoint)
        .Where(a => string.IsNullOrWhiteSpace(Search) || a.Name.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase))
        .OrderBy(a => a.Name, StringComparer.Ordinal)
        .ToList();

    private string Subtitle => !_loaded
        ? "loading…"
        : $"{_rows.Count} alarms · evaluated each minute against stored history, as CloudWatch evaluates them";

    protected override async Task OnInitializedAsync()
    {
        // Before the first await: a component closed while it loads is disposed then, and a subscription made later never would be.
        _subscription = Live.Subscribe(change => change.Has(LiveChangeKind.Alarms) || change.Has(LiveChangeKind.Metrics)
            ? InvokeAsync(async () => { await LoadAsync(); StateHasChanged(); })
            : Task.CompletedTask, TimeSpan.FromSeconds(5));
        _canEdit = (await CurrentActor.GetAsync()).Can(Permission.EditAlarms);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var entries = await Store.ListAsync();
        var now = Time.GetUtcNow().ToUnixTimeSeconds();
        var from = now - RecentSeconds;
        var metricAlarms = entries.Where(e => e.Definition.Kind != AlarmKind.Composite).Select(e => e.Definition).ToList();
        var data = metricAlarms.Count == 0 ? null : await Inputs.LoadAsync(metricAlarms, from, now);
        _rows = AlarmRow.Build(entries, data, from, now);
        _loaded = true;
    }

    private static string Latest(AlarmRow row) =>
        Components.Charts.ChartFormat.ValueWithUnit(row.Recent[^1], AlarmText.Unit(row.Alarm) is "" or "count" ? null : AlarmText.Unit(row.Alarm));

    internal static string KindText(AlarmKind kind) => kind switch
    {
        AlarmKind.MetricMath => "Metric math",
        AlarmKind.AnomalyDetection => "Anomaly detection",
        AlarmKind.Composite => "Composite",
        _ => "Metric",
    };

    private string Ago(long since)
    {
        var elapsed = Time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(since);
        return elapsed.TotalMinutes < 1 ? "just now"
            : elapsed.TotalHours < 1 ? $"{(int)elapsed.TotalMinutes} min ago"
            : elapsed.TotalDays < 1 ? $"{(int)elapsed.TotalHours} h {elapsed.Minutes} min ago"
            : $"{(int)elapsed.TotalDays} d {elapsed.Hours} h ago";
    }

    internal static string Utc(long time) =>
        DateTimeOffset.FromUnixTimeSeconds(time).UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private void SetState(string? value) => Navigation.NavigateTo(AlarmUrls.List(value, Endpoint, Kind, Search), replace: true);

    private void SetEndpoint(string? value) => Navigation.NavigateTo(AlarmUrls.List(State, value, Kind, Search), replace: true);

    private void SetKind(string? value) => Navigation.NavigateTo(AlarmUrls.List(State, Endpoint, value, Search), replace: true);

    private void SetSearch(string? value) => Navigation.NavigateTo(AlarmUrls.List(State, Endpoint, Kind, value), replace: true);

    public void Dispose() => _subscription?.Dispose();
}
