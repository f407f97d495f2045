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

    private async Task RunAsync(int days)
    {
        _running = true;
        _error = null;
        _notice = null;
        var alarm = Alarm;
        try
        {
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

    /// <summary>A replay still reading 30 days of history stops when the editor closes.</summary>
    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
