using System.Globalization;
using Dashboard.Core.Drift;
using Dashboard.Core.Drift.Distances;
using Dashboard.Core.Security;
using Dashboard.Web.Accounts;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Drift;

/// <summary>
/// A feature's drift method and threshold: what it is scored with and who chose it, and (for Engineers and Operators) a
/// form to choose another of the methods that fit its type, or go back to the default.
/// </summary>
public partial class DriftSettingForm
{
    private bool _canEdit;
    private bool _busy;
    private DriftMethod _method;
    private string? _threshold;
    private string? _error;
    private string? _saved;
    private string? _shownFor;

    [Inject] private IDriftSettingStore Settings { get; set; } = default!;
    [Inject] private ICurrentActor CurrentActor { get; set; } = default!;
    [Inject] private DriftSignal Signal { get; set; } = default!;

    [Parameter, EditorRequired] public string Endpoint { get; set; } = "";
    [Parameter, EditorRequired] public FeatureDriftRow Row { get; set; } = default!;

    /// <summary>The kind of baseline in force, which decides whose default applies.</summary>
    [Parameter] public DriftBaselineKind Basis { get; set; }

    [Parameter] public EventCallback Changed { get; set; }

    protected override async Task OnInitializedAsync() => _canEdit = (await CurrentActor.GetAsync()).Can(Permission.PinBaselines);

    protected override void OnParametersSet()
    {
        // A new feature (or its setting saved elsewhere) refills the form; a reload of the same one keeps what is being typed.
        var shown = $"{Row.Feature}|{Row.Setting}";
        if (shown != _shownFor)
        {
            _shownFor = shown;
            _method = Row.Setting.Method;
            _threshold = Row.Setting.Threshold.ToString(CultureInfo.InvariantCulture);
            _error = null;
        }
    }

    private string Bounds
    {
        get
        {
            var (min, max) = DriftMethods.Bounds(_method);
            return $"{min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}";
        }
    }

    internal static string Describe(FeatureDriftRow row, DriftBaselineKind basis)
    {
        var setting = row.Setting;
        var what = $"{DriftMethods.Name(setting.Method)} {DriftPage.Score(setting.Threshold)}";
        if (setting.IsDefault)
        {
            var whose = basis == DriftBaselineKind.ModelMonitor ? "Model Monitor's method at its constraint threshold" : "as Evidently chooses for large samples";
            return $"{what}: the default ({whose}).";
        }
        var fallback = row.Default is { } d ? $" The default would be {DriftMethods.Name(d.Method)} {DriftPage.Score(d.Threshold)}." : "";
        return $"{what}, set by {setting.SetBy} on {setting.SetAt:yyyy-MM-dd HH:mm} UTC.{fallback}";
    }

    private void Choose(DriftMethod method)
    {
        if (method == _method)
        {
            return;
        }
        _method = method;
        // Scores of another method are on another scale: start from that method's default line.
        _threshold = (Row.Default is { } d && d.Method == method ? d.Threshold : DriftMethods.DefaultThreshold).ToString(CultureInfo.InvariantCulture);
        _error = null;
    }

    private async Task SaveAsync()
    {
        _saved = null;
        if (!double.TryParse(_threshold?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold))
        {
            _error = $"A number from {Bounds}, e.g. 0.2.";
            return;
        }
        if (DriftMethods.Validate(Row.Type, _method, threshold) is { } problem)
        {
            _error = problem;
            return;
        }
        await RunAsync(async actor =>
        {
            var saved = await Settings.SaveAsync(actor, Endpoint, Row.Feature, Row.Type, _method, threshold);
            _saved = $"Saved: {DriftMethods.Name(saved.Method)} {DriftPage.Score(saved.Threshold)}. Its scores are being restated in this method.";
        });
    }

    private Task ResetAsync() => RunAsync(async actor =>
    {
        await Settings.ResetAsync(actor, Endpoint, Row.Feature);
        _saved = "Back to the default. Its scores are being restated.";
    });

    private async Task RunAsync(Func<Actor, Task> change)
    {
        _busy = true;
        _error = null;
        try
        {
            await change(await CurrentActor.GetAsync());
            // The drift reader restates the feature's stored scores at once instead of at its next round.
            Signal.Set();
            await Changed.InvokeAsync();
        }
        catch (ArgumentException e)
        {
            _error = FieldMessage(e);
            _saved = null;
        }
        catch (AccessDeniedException e)
        {
            _error = e.Message;
            _saved = null;
        }
        finally
        {
            _busy = false;
        }
    }

    internal static string FieldMessage(ArgumentException e) =>
        e.Message[..(e.Message.IndexOf(" (Parameter", StringComparison.Ordinal) is var cut and > 0 ? cut : e.Message.Length)];
}
