using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms.Editing;
using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;
using Dashboard.Core.Fleet;
using Dashboard.Core.Live;
using Dashboard.Core.Metrics;
using Dashboard.Core.Security;
using Dashboard.Core.Storage;
using Dashboard.Web.Accounts;
using Dashboard.Web.Hosting;
using Dashboard.Web.Navigation;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using System.Globalization;

namespace Dashboard.Web.Alarms.Editor;

/// <summary>
/// Creates or edits one alarm. Every change is validated by <see cref="AlarmService.ValidateAsync"/> (debounced) and each
/// error shown under its field; a field's error appears once the field was touched, and all of them after Save.
/// </summary>
public partial class AlarmEditorPage
{
    /// <summary>Typing pauses this long before the server validates.</summary>
    internal static TimeSpan Debounce { get; set; } = TimeSpan.FromMilliseconds(300);

    private AlarmForm _form = new();
    private AlarmDefinition _definition = new() { Name = "" };
    private IReadOnlyList<FieldError> _errors = [];
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);
    private bool _showAll;
    private bool _validated;
    private bool _loaded;
    private string? _loadError;
    private bool _canEdit;
    private Actor _actor = Actor.System;
    private bool _saving;
    private string? _saveMessage;
    private string? _denied;
    private IReadOnlyList<string> _endpoints = [];
    private IReadOnlyList<SeriesKey> _series = [];
    private IReadOnlyList<string> _otherAlarms = [];
    private CancellationTokenSource? _pendingValidation;
    private CancellationTokenSource? _pendingSuggestion;
    private IReadOnlyList<string> _prefillNotes = [];
    private ThresholdSuggestion? _suggestion;
    private string _suggestionSpan = "";
    private readonly CancellationTokenSource _disposed = new();

    [Inject] private AlarmService Alarms { get; set; } = default!;
    [Inject] private IAlarmStore AlarmStore { get; set; } = default!;
    [Inject] private IMetricQueries Metrics { get; set; } = default!;
    [Inject] private IFleetStore FleetStore { get; set; } = default!;
    [Inject] private LiveStore Live { get; set; } = default!;
    [Inject] private ICurrentActor CurrentActor { get; set; } = default!;
    [Inject] private IOptions<DashboardOptions> Dashboard { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private AlarmBacktest Backtest { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    /// <summary>The alarm being edited; null on /alarms/new.</summary>
    [Parameter] public string? Name { get; set; }

    [SupplyParameterFromQuery(Name = "endpoint")] public string? EndpointQuery { get; set; }
    [SupplyParameterFromQuery(Name = "kind")] public string? KindQuery { get; set; }
    [SupplyParameterFromQuery(Name = "variant")] public string? VariantQuery { get; set; }
    [SupplyParameterFromQuery(Name = "metric")] public string? MetricQuery { get; set; }
    [SupplyParameterFromQuery(Name = "statistic")] public string? StatisticQuery { get; set; }

    private bool IsNew => Name is null;

    private string MirrorHint => Dashboard.Value.Mode == DashboardMode.Live
        ? "CloudWatch will evaluate it too; its state is shown next to the dashboard's."
        : "Only meaningful in Live mode: in simulated mode nothing is created in CloudWatch.";

    private string? ThresholdHelp => _form.Kind == AlarmKind.MetricMath
        ? "In the expression's unit."
        : _form.DisplayUnit == "ms" ? "In milliseconds (SageMaker stores latency in microseconds)." : null;

    private string LowSampleHelp => AlarmWords.LowSample(_form.Kind == AlarmKind.MetricMath
        ? _form.MathRows.Select(r => r.Stat).FirstOrDefault(s => Statistics.ParsePercentile(s) is not null)
        : _form.Stat);

    private string? SuggestionText => _suggestion is { } s
        ? $"Suggested from {_suggestionSpan}: {s.Percentile} = {AlarmWords.Number(s.PercentileValue)} {_form.DisplayUnit}".TrimEnd()
            + $", plus {ThresholdSuggestion.MarginPercent} % → {AlarmWords.Number(s.Threshold)} {_form.DisplayUnit}".TrimEnd() + "."
        : null;

    /// <summary>Why the backtest can't run yet; null when it can (or while the form is being checked).</summary>
    private string? BacktestBlocked => _validated ? BacktestReadiness.Blocked(_errors, HasError) : null;

    /// <summary>Errors of touched fields (all of them after a Save attempt).</summary>
    private IReadOnlyList<FieldError> VisibleErrors => _showAll ? _errors : _errors.Where(e => _touched.Contains(e.Field)).ToList();

    protected override async Task OnInitializedAsync()
    {
        _actor = await CurrentActor.GetAsync();
        _canEdit = _actor.Can(Permission.EditAlarms);
        var fleet = Live.Fleet.Count > 0 ? Live.Fleet : await FleetStore.ListAsync(_disposed.Token);
        _endpoints = fleet.Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
        var entries = await AlarmStore.ListAsync(_disposed.Token);
        _otherAlarms = entries.Select(e => e.Definition.Name).Where(n => n != Name).Order(StringComparer.Ordinal).ToList();

        if (!IsNew)
        {
            var entry = entries.FirstOrDefault(e => e.Definition.Name == Name);
            if (entry is null)
            {
                _loadError = $"There is no alarm named '{Name}'; it may have been deleted.";
                return;
            }
            _form = AlarmForm.From(entry.Definition);
            _showAll = true;
        }
        else
        {
            if (Enum.TryParse<AlarmKind>(KindQuery, ignoreCase: true, out var kind))
            {
                _form.Kind = kind;
                _form.Comparison = AlarmWords.OperatorsFor(kind).First();
            }
            _form.Endpoint = _endpoints.Contains(EndpointQuery ?? "") ? EndpointQuery : null;
        }
        if (_form.Endpoint is not null)
        {
            _series = await Metrics.ListSeriesAsync(_form.Endpoint, _disposed.Token);
        }
        if (IsNew)
        {
            _prefillNotes = await PrefillAsync();
        }
        _loaded = true;
        await ValidateNowAsync(_disposed.Token);
    }

    /// <summary>The series named in the address, and a threshold suggested from its history; notes for what did not fit.</summary>
    private async Task<IReadOnlyList<string>> PrefillAsync()
    {
        var notes = new List<string>();
        if (!string.IsNullOrEmpty(KindQuery) && !Enum.TryParse<AlarmKind>(KindQuery, ignoreCase: true, out _))
        {
            notes.Add($"{EditorPrefill.Quote(KindQuery)} is not a kind of alarm; a metric alarm is shown.");
        }
        if (!string.IsNullOrEmpty(EndpointQuery) && _form.Endpoint is null)
        {
            notes.Add($"There is no endpoint named {EditorPrefill.Quote(EndpointQuery)}; choose one below.");
        }
        else if (_form.Endpoint is { } endpoint)
        {
            notes.AddRange(EditorPrefill.ApplySeries(_form, endpoint, _series, Blank(MetricQuery), Blank(VariantQuery), Blank(StatisticQuery)));
        }
        if (_form.Series is not null)
        {
            await SuggestThresholdAsync(_disposed.Token);
        }
        return notes;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>
    /// Reads the watched series' last <see cref="ThresholdSuggestion.Days"/> days as the backtest would and suggests a
    /// threshold; an empty, untouched threshold takes it.
    /// </summary>
    private async Task SuggestThresholdAsync(CancellationToken cancellationToken)
    {
        _suggestion = null;
        var alarm = _form.ToDefinition();
        if (alarm.Kind != AlarmKind.Metric || alarm.Metric is not { } metric || Statistics.Validate(metric.Stat) is not null
            || alarm.Period <= 0 || alarm.Period % 60 != 0)
        {
            return;
        }
        var now = Time.GetUtcNow().ToUnixTimeSeconds();
        var from = now - ThresholdSuggestion.Days * 86_400L;
        var points = await Backtest.WatchedAsync(alarm, from, now, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        _suggestionSpan = AlarmWords.StoredSpan(from, now, points.Count > 0 ? points[0].Time : null) ?? "less than an hour of history";
        _suggestion = ThresholdSuggestion.From(points.Select(p => AlarmForm.ToDisplay(metric.MetricName, p.Value)), alarm.Comparison);
        if (_suggestion is { } suggestion && _form.Threshold is null && !_touched.Contains(nameof(AlarmDefinition.Threshold)))
        {
            _form.Threshold = suggestion.Threshold;
            _definition = _form.ToDefinition();
        }
    }

    /// <summary>After the series or comparison changed: a new suggestion once the read is done (a newer change cancels it).</summary>
    private async Task SuggestLaterAsync()
    {
        _pendingSuggestion?.Cancel();
        _pendingSuggestion?.Dispose();
        _pendingSuggestion = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
        var token = _pendingSuggestion.Token;
        try
        {
            var hadThreshold = _form.Threshold is not null;
            await SuggestThresholdAsync(token);
            if (!hadThreshold && _form.Threshold is not null)
            {
                Revalidate(nameof(AlarmDefinition.Threshold));
            }
            await InvokeAsync(StateHasChanged);
        }
        catch (OperationCanceledException)
        {
            // A newer choice (or leaving the page) superseded this suggestion.
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException)
        {
            // A series the replay can't read has no suggestion; the backtest says why when it is run.
            _suggestion = null;
        }
    }

    private void UseSuggestion()
    {
        if (_suggestion is { } suggestion)
        {
            SetThreshold(suggestion.Threshold);
        }
    }

    private bool HasError(string field) => VisibleErrors.Any(e => e.Field == field);

    private string? ErrorOf(string field)
    {
        var messages = VisibleErrors.Where(e => e.Field == field).Select(e => e.Message).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    private Task SetKind(AlarmKind kind)
    {
        _form.Kind = kind;
        if (!AlarmWords.OperatorsFor(kind).Contains(_form.Comparison))
        {
            _form.Comparison = AlarmWords.OperatorsFor(kind).First();
        }
        if (kind == AlarmKind.MetricMath && _form.MathRows.Count == 0)
        {
            _form.MathRows.Add(new MathRow { Id = _form.NextMathId() });
        }
        Changed("Kind");
        return Task.CompletedTask;
    }

    // Counts arrive as whole numbers from 1 to 1,440 (their rules say so) or null.
    private void SetDatapointsToAlarm(double? value)
    {
        _form.DatapointsToAlarm = (int?)value;
        Changed("DatapointsToAlarm");
    }

    private void SetEvaluationPeriods(double? value)
    {
        _form.EvaluationPeriods = (int?)value;
        Changed("EvaluationPeriods", "DatapointsToAlarm");
    }

    private void SetBandWidth(double? value)
    {
        _form.BandWidth = value;
        Changed("BandWidth");
    }

    private void SetThreshold(double? value)
    {
        _form.Threshold = value;
        Changed("Threshold");
    }

    private async Task SetEndpointAsync(string? endpoint)
    {
        _form.Endpoint = endpoint;
        _form.Series = null;
        foreach (var row in _form.MathRows)
        {
            row.Series = null;
        }
        _series = endpoint is null ? [] : await Metrics.ListSeriesAsync(endpoint, _disposed.Token);
        Changed("Metric");
    }

    /// <summary>Marks the fields touched and validates once typing pauses.</summary>
    private void Changed(params string[] fields)
    {
        foreach (var field in fields)
        {
            _touched.Add(field);
        }
        if (fields.Any(f => f is nameof(AlarmDefinition.Metric) or AlarmValidator.StatField or nameof(AlarmDefinition.Period) or nameof(AlarmDefinition.Comparison)))
        {
            _ = SuggestLaterAsync();
        }
        Revalidate(fields);
    }

    /// <summary>Drops the changed fields' stale errors and validates once typing pauses.</summary>
    private void Revalidate(params string[] fields)
    {
        _saveMessage = null;
        // The old verdict on a changed field is stale: drop it until the new one arrives, so it never flashes.
        _errors = _errors.Where(e => !fields.Contains(e.Field)).ToList();
        _validated = false;
        _definition = _form.ToDefinition();
        _pendingValidation?.Cancel();
        _pendingValidation?.Dispose();
        _pendingValidation = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
        _ = ValidateLaterAsync(_pendingValidation.Token);
    }

    private async Task ValidateLaterAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Debounce, cancellationToken);
            await ValidateNowAsync(cancellationToken);
            await InvokeAsync(StateHasChanged);
        }
        catch (OperationCanceledException)
        {
            // A newer keystroke (or leaving the page) superseded this validation.
        }
    }

    private async Task ValidateNowAsync(CancellationToken cancellationToken)
    {
        var definition = _form.ToDefinition();
        var errors = await Alarms.ValidateAsync(definition, IsNew, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        _definition = definition;
        _errors = errors;
        _validated = true;
    }

    /// <summary>The backtest's click: the check of the last keystroke may still be pending, so validate now.</summary>
    private async Task<AlarmDefinition?> ValidateForBacktestAsync()
    {
        _pendingValidation?.Cancel();
        await ValidateNowAsync(_disposed.Token);
        StateHasChanged();
        return BacktestReadiness.IsReady(_errors) ? _definition : null;
    }

    private async Task SaveAsync()
    {
        _pendingValidation?.Cancel();
        _showAll = true;
        _saving = true;
        _denied = null;
        _saveMessage = null;
        try
        {
            await ValidateNowAsync(_disposed.Token);
            // A form with errors is never sent to SaveAsync: the errors are already at their fields.
            if (_errors.Count == 0)
            {
                _errors = await Alarms.SaveAsync(_actor, _definition, IsNew, _disposed.Token);
            }
            if (_errors.Count == 0)
            {
                Navigation.NavigateTo(AlarmUrls.Detail(_definition.Name));
                return;
            }
            _saveMessage = _errors.Count == 1
                ? "Nothing was saved: one field needs attention (marked in red)."
                : $"Nothing was saved: {_errors.Count} problems, each marked at its field.";
        }
        catch (AccessDeniedException ex)
        {
            _denied = ex.Message;
        }
        finally
        {
            _saving = false;
        }
    }

    public void Dispose()
    {
        _pendingValidation?.Cancel();
        _pendingValidation?.Dispose();
        _pendingSuggestion?.Cancel();
        _pendingSuggestion?.Dispose();
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
