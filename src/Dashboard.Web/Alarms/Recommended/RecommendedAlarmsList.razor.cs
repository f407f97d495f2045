using Dashboard.Core.Alarms.Editing;
using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;
using Dashboard.Core.Drift;
using Dashboard.Core.Fleet;
using Dashboard.Core.Overview;
using Dashboard.Core.Security;
using Dashboard.Core.Storage;
using Dashboard.Web.Accounts;
using Dashboard.Web.Alarms.Editor;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Alarms.Recommended;

/// <summary>
/// The recommendations for one endpoint, none ticked: each shows how often it would have fired over the last
/// <see cref="BacktestDays"/> days, so people pick the ones that would have told them something.
/// </summary>
public partial class RecommendedAlarmsList : IDisposable
{
    public const int BacktestDays = 14;

    private List<Item>? _items;
    private bool _creating;
    private string? _summary;
    private int _refused;
    private string? _loadedFor;
    private readonly CancellationTokenSource _disposed = new();

    private sealed class Item(RecommendedAlarm recommended, bool exists)
    {
        public AlarmDefinition Alarm => recommended.Alarm;
        public string Why => recommended.Why;
        public bool Exists { get; } = exists;
        // Nothing is ticked for the user: each alarm is chosen knowing its backtest.
        public bool Selected { get; set; }
        public (bool Created, string Message)? Outcome { get; set; }

        /// <summary>"Would have fired 3 times in 14 days, 2 h 10 min in ALARM"; null while it runs.</summary>
        public string? Backtest { get; set; }
        public bool Noisy { get; set; }
    }

    [Inject] private AlarmService Alarms { get; set; } = default!;
    [Inject] private IAlarmStore AlarmStore { get; set; } = default!;
    [Inject] private IMetricQueries Metrics { get; set; } = default!;
    [Inject] private ICurrentActor CurrentActor { get; set; } = default!;
    [Inject] private IOptions<OverviewOptions> Overview { get; set; } = default!;
    [Inject] private AlarmBacktest Backtester { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private DriftReadBoard Drift { get; set; } = default!;

    [Parameter, EditorRequired] public EndpointState Endpoint { get; set; } = default!;

    /// <summary>Raised after alarms were created, with their names.</summary>
    [Parameter] public EventCallback<IReadOnlyList<string>> OnCreated { get; set; }

    private int SelectedCount => _items?.Count(i => i.Selected && !i.Exists && i.Outcome is null) ?? 0;

    protected override async Task OnParametersSetAsync()
    {
        // The page re-renders after alarms were created: keep the outcomes instead of reloading the list.
        if (_items is not null && _loadedFor == Endpoint.Name)
        {
            return;
        }
        _loadedFor = Endpoint.Name;
        var token = _disposed.Token;
        var stored = await Metrics.ListSeriesAsync(Endpoint.Name, token);
        var existing = (await AlarmStore.ListAsync(token)).Select(e => e.Definition.Name).ToHashSet(StringComparer.Ordinal);
        var to = Time.GetUtcNow().ToUnixTimeSeconds();
        var from = to - BacktestDays * 86_400L;
        var traffic = await EndpointTraffic.TypicalPerMinuteAsync(Metrics, Endpoint.Name, stored, from, to, token);
        _items = RecommendedAlarms.For(Endpoint, stored, Overview.Value.DriftThreshold, traffic, Drift.StandingOf(Endpoint.Name))
            .Select(r => new Item(r, existing.Contains(r.Alarm.Name)))
            .ToList();
        _ = BacktestAllAsync(_items, from, to, token);
    }

    /// <summary>Replays each recommendation in turn (one read at a time), showing each result as it comes.</summary>
    private async Task BacktestAllAsync(IReadOnlyList<Item> items, long from, long to, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var item in items)
            {
                try
                {
                    var result = await Backtester.RunAsync(item.Alarm, from, to, cancellationToken);
                    item.Backtest = result.Uncollected.Count > 0 ? "Not backtested: its series isn't collected yet." : Sentence(result);
                    item.Noisy = result.Fired > BacktestDays;
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException)
                {
                    item.Backtest = "Not backtested: " + ex.Message;
                }
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException)
        {
            // The dialog closed.
        }
    }

    /// <summary>
    /// "Would have fired 3 times in the last 14 days, 2 h 10 min in ALARM."; a shorter stored history is named as such
    /// ("in the 3 days stored"), so a quiet result over a few hours does not read as two quiet weeks.
    /// </summary>
    public static string Sentence(BacktestResult result)
    {
        var window = AlarmWords.StoredSpan(result.From, result.To, result.Points.Count > 0 ? result.Points[0].Time : null);
        if (window is null)
        {
            return "Not backtested: there is less than an hour of its history stored.";
        }
        var fired = result.Fired switch { 0 => "Would not have fired", 1 => "Would have fired once", var n => $"Would have fired {n} times" };
        return result.Fired == 0
            ? $"{fired} in {window}."
            : $"{fired} in {window}, {BacktestPanel.Duration(result.SecondsIn(AlarmState.Alarm))} in ALARM.";
    }

    private async Task CreateSelectedAsync()
    {
        _creating = true;
        var actor = await CurrentActor.GetAsync();
        var created = new List<string>();
        _refused = 0;
        try
        {
            foreach (var item in _items!.Where(i => i.Selected && !i.Exists && i.Outcome is null))
            {
                try
                {
                    var errors = await Alarms.SaveAsync(actor, item.Alarm, isNew: true);
                    item.Outcome = errors.Count == 0 ? (true, "") : (false, string.Join(" ", errors.Select(e => e.Message)));
                }
                catch (AccessDeniedException ex)
                {
                    item.Outcome = (false, ex.Message);
                }
                if (item.Outcome.Value.Created)
                {
                    created.Add(item.Alarm.Name);
                }
                else
                {
                    _refused++;
                }
            }
            _summary = _refused == 0 ? $"Created {Count(created.Count)}." : $"Created {Count(created.Count)}; {Count(_refused)} refused (reasons under each).";
        }
        finally
        {
            _creating = false;
        }
        if (created.Count > 0)
        {
            await OnCreated.InvokeAsync(created);
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }

    private static string Count(int n) => n == 1 ? "1 alarm" : $"{n} alarms";
}
