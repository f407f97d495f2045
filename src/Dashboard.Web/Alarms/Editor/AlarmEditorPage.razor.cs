using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms.Editing;
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
    private readonly CancellationTokenSource _disposed = new();

    [Inject] private AlarmService Alarms { get; set; } = default!;
    [Inject] private IAlarmStore AlarmStore { get; set; } = default!;
    [Inject] private IMetricQueries Metrics { get; set; } = default!;
    [Inject] private IFleetStore FleetStore { get; set; } = default!;
    [Inject] private LiveStore Live { get; set; } = default!;
    [Inject] private ICurrentActor CurrentActor { get; set; } = default!;
    [Inject] private IOptions<DashboardOptions> Dashboard { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    /// <summary>The alarm being edited; null on /alarms/new.</summary>
    [Parameter] public string? Name { get; set; }

    [SupplyParameterFromQuery(Name = "endpoint")] public string? EndpointQuery { get; set; }
    [SupplyParameterFromQuery(Name = "kind")] public string? KindQuery { get; set; }

    private bool IsNew => Name is null;

    private string MirrorHint => Dashboard.Value.Mode == DashboardMode.Live
        ? "CloudWatch will evaluate it too; its state is shown next to the dashboard's."
        : "Only meaningful in Live mode: in simulated mode nothing is created in CloudWatch.";

    private string? ThresholdHelp => _form.Kind == AlarmKind.MetricMath
        ? "In the expression's unit."
        : _form.DisplayUnit == "ms" ? "In milliseconds (SageMaker stores latency in microseconds)." : null;

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
        _loaded = true;
        await ValidateNowAsync(_disposed.Token);
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
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
