using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;
using Dashboard.Core.Collectors;
using Dashboard.Web.Components.Charts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Alarms.Editor;

/// <summary>Replays the alarm as it stands in the form over the last 7 or 30 days of stored history.</summary>
public partial class BacktestPanel
{
    private BacktestResult? _result;
    private ChartModel? _chart;
    private ChartFeed? _feed;
    private string? _sentence;
    private IReadOnlyList<BacktestPeriod> _periods = [];
    private string _unit = "";
    private bool _showAll;
    private string? _error;
    private string? _notice;
    private bool _running;
    private int _days;
    private string _ranAt = "";
    private readonly CancellationTokenSource _disposed = new();

    [Inject] private AlarmBacktest Backtest { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private IOptions<CollectorOptions> Collectors { get; set; } = default!;

    [Parameter, EditorRequired] public AlarmDefinition Alarm { get; set; } = default!;

    /// <summary>True when the definition has no field errors (a backtest of an invalid alarm would explain nothing).</summary>
    [Parameter] public bool Ready { get; set; }

    /// <summary>What to fix before a backtest can run, when it can't.</summary>
    [Parameter] public string? NotReady { get; set; }

    /// <summary>
    /// Validates the form as it is now (a click may come before the debounced check of the last keystroke) and returns
    /// the alarm to replay, or null when a field needs fixing first.
    /// </summary>
    [Parameter] public Func<Task<AlarmDefinition?>>? ValidateNow { get; set; }

    private async Task RunAsync(int days)
    {
        _running = true;
        _error = null;
        _notice = null;
        try
        {
            var alarm = ValidateNow is null ? Alarm : await ValidateNow();
            if (alarm is null)
            {
                return;
            }
            var now = Time.GetUtcNow();
            var to = now.ToUnixTimeSeconds();
            var from = now.AddDays(-days).ToUnixTimeSeconds();
            _result = await Backtest.RunAsync(alarm, from, to, _disposed.Token);
            if (_result.Uncollected.Count > 0)
            {
                _notice = AlarmWords.NotCollectedYet(_result.Uncollected, Collectors.Value.BackfillDays);
                _result = null;
                return;
            }
            _chart = BacktestCharts.Build(alarm, _result);
            // The panel keeps the result anyway (for its sentence), so the table view reads the same model back.
            _feed = new ChartFeed(_chart, (_, _) => Task.FromResult<ChartModel?>(_chart));
            _sentence = AlarmWords.BacktestSentence(_result);
            _periods = BacktestCharts.AlarmPeriods(alarm, _result);
            _showAll = false;
            _unit = _chart.Unit;
            _days = days;
            _ranAt = now.UtcDateTime.ToString("d MMM HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException)
        {
            _error = ex.Message;
        }
        finally
        {
            _running = false;
        }
    }

    /// <summary>The periods listed at first, and at most after "Show all" (the rest are counted).</summary>
    internal const int FirstListed = 10;

    internal const int MaxListed = 200;

    internal static string When(long time) =>
        DateTimeOffset.FromUnixTimeSeconds(time).UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"2026-12-04 17:40 → 18:35"; the end's date only when it is another day.</summary>
    internal static string Span(BacktestPeriod period)
    {
        if (period.Ongoing)
        {
            return $"{When(period.From)} → still in ALARM";
        }
        var from = DateTimeOffset.FromUnixTimeSeconds(period.From).UtcDateTime;
        var to = DateTimeOffset.FromUnixTimeSeconds(period.To).UtcDateTime;
        var end = to.Date == from.Date ? to.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) : When(period.To);
        return $"{When(period.From)} → {end}";
    }

    internal static string Duration(long seconds) => seconds switch
    {
        < 3600 => $"{seconds / 60} min",
        < 86_400 => $"{seconds / 3600} h {seconds % 3600 / 60} min",
        _ => $"{seconds / 86_400} d {seconds % 86_400 / 3600} h",
    };

    private bool IsLow => Alarm.Comparison is ComparisonOperator.LessThanThreshold or ComparisonOperator.LessThanOrEqualToThreshold
        or ComparisonOperator.LessThanLowerThreshold;

    private string Peak(BacktestPeriod period) => period.Peak is { } peak
        ? $"{AlarmWords.Number(peak)}{(_unit is "" or "count" or "distance" ? "" : " " + _unit)}"
        : "—";

    /// <summary>A replay still reading 30 days of history stops when the editor closes.</summary>
    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
