using System.Globalization;
using Dashboard.Core.Drift;
using Dashboard.Core.Security;
using Dashboard.Web.Accounts;
using Dashboard.Core.Drift.DataSets;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Drift;

/// <summary>
/// What drift is measured against, and (for Engineers and Operators) pinning a window of captured traffic or reading a data
/// set from S3 instead. The data set is read while the page waits (bounded by Drift:DataSetTimeout), the baseline in force
/// unchanged until it is stored.
/// </summary>
public partial class DriftBaselineCard
{
    private const string Format = "yyyy-MM-dd HH:mm";

    private bool _canPin;
    private bool _busy;
    private string? _from;
    private string? _to;
    private string? _note;
    private string? _fromError;
    private string? _toError;
    private string? _uri;
    private string? _uriError;
    private bool _reading;

    [Inject] private IDriftBaselineStore Pins { get; set; } = default!;
    [Inject] private ICurrentActor CurrentActor { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private DriftDataSets DataSets { get; set; } = default!;
    [Inject] private IOptions<DriftOptions> Options { get; set; } = default!;
    [Inject] private DriftSignal Signal { get; set; } = default!;

    [Parameter, EditorRequired] public string Endpoint { get; set; } = "";
    [Parameter] public BaselineSummaries? Baseline { get; set; }
    [Parameter] public EventCallback Changed { get; set; }

    protected override async Task OnInitializedAsync() => _canPin = (await CurrentActor.GetAsync()).Can(Permission.PinBaselines);

    internal static string Describe(BaselineSummaries summaries)
    {
        var b = summaries.Baseline;
        var window = $"{Utc(b.From)} – {Utc(b.To)} UTC";
        var size = $"{summaries.Records.ToString("N0", CultureInfo.InvariantCulture)} records";
        return b.Kind switch
        {
            DriftBaselineKind.FirstDay => $"The first day of captured traffic, {window} ({size}), until an engineer pins a window or names a data set.",
            DriftBaselineKind.ModelMonitor => $"Model Monitor's baseline of the schedule {b.Note} ({b.Uri}, {size}), with its thresholds, until an engineer pins a window or names a data set.",
            DriftBaselineKind.DataSet => $"The data set {b.Uri}, set by {b.SetBy} on {b.SetAt:yyyy-MM-dd HH:mm} UTC ({DataSetSize(summaries)}).",
            _ => $"Pinned by {b.SetBy} on {b.SetAt:yyyy-MM-dd HH:mm} UTC: {window} ({size}){(b.Note is null ? "" : $" — “{b.Note}”")}.",
        };
    }

    private static string DataSetSize(BaselineSummaries summaries)
    {
        var rows = $"{summaries.Records.ToString("N0", CultureInfo.InvariantCulture)} rows, {summaries.Features.Count} features";
        return summaries.DataSet?.LabelColumn is { } label ? $"{rows}; its label column {label} is not a feature" : rows;
    }

    private void LastWeek()
    {
        var now = Time.GetUtcNow();
        var end = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        _from = end.AddDays(-7).ToString(Format, CultureInfo.InvariantCulture);
        _to = end.ToString(Format, CultureInfo.InvariantCulture);
    }

    private async Task PinAsync()
    {
        _fromError = Parse(_from, out var from);
        _toError = Parse(_to, out var to);
        if (_fromError is not null || _toError is not null)
        {
            return;
        }
        _busy = true;
        try
        {
            await Pins.PinAsync(await CurrentActor.GetAsync(), Endpoint, from, to, _note);
            BaselineChanged();
            await Changed.InvokeAsync();
        }
        catch (ArgumentException e)
        {
            _toError = e.Message[..(e.Message.IndexOf(" (Parameter", StringComparison.Ordinal) is var cut and > 0 ? cut : e.Message.Length)];
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task UseDataSetAsync()
    {
        _uriError = null;
        _reading = true;
        try
        {
            await DataSets.UseAsync(await CurrentActor.GetAsync(), Endpoint, _uri, CancellationToken.None);
            _uri = null;
            BaselineChanged();
            await Changed.InvokeAsync();
        }
        catch (ArgumentException e)
        {
            _uriError = DriftSettingForm.FieldMessage(e);
        }
        catch (AccessDeniedException e)
        {
            _uriError = e.Message;
        }
        finally
        {
            _reading = false;
        }
    }

    private async Task ClearAsync()
    {
        _busy = true;
        try
        {
            await Pins.ClearAsync(await CurrentActor.GetAsync(), Endpoint);
            BaselineChanged();
            await Changed.InvokeAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>The drift reader restates every score against the new baseline at once, instead of at its next round.</summary>
    private void BaselineChanged() => Signal.Set();

    private static string? Parse(string? text, out long seconds)
    {
        seconds = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return "Required, as yyyy-MM-dd HH:mm (UTC).";
        }
        if (!DateTimeOffset.TryParseExact(text.Trim(), Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return "Write it as yyyy-MM-dd HH:mm (UTC), e.g. 2026-12-01 00:00.";
        }
        seconds = time.ToUnixTimeSeconds();
        return null;
    }

    private static string Utc(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);
}
