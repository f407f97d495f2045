using System.Globalization;
using Dashboard.Core.Baselines;
using Dashboard.Core.Charts;
using Dashboard.Core.Fleet;
using Dashboard.Web.Navigation;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Endpoints;

public partial class ViewToolbar
{
    private const string InputFormat = "yyyy-MM-ddTHH:mm";

    private enum Editing
    {
        None,
        Range,
        Baseline,
    }

    private Editing _editing;
    private string? _from;
    private string? _to;
    private string? _fromError;
    private string? _toError;

    [Parameter, EditorRequired] public EndpointView View { get; set; } = default!;
    [Parameter, EditorRequired] public EndpointState Endpoint { get; set; } = default!;
    [Parameter] public EventCallback<EndpointView> OnChange { get; set; }

    /// <summary>The endpoint's team pin, if any: the page's default baseline.</summary>
    [Parameter] public BaselinePin? TeamPin { get; set; }

    [Inject] private TimeProvider Time { get; set; } = default!;

    private string BaselineChoice => EndpointBaseline.For(View, TeamPin).Source switch
    {
        BaselineSource.TeamPin => "team",
        BaselineSource.Seasonal => "seasonal",
        // The URL keeps whole minutes and a week still running ends "now", which moves: the window that starts at the
        // deployment's minute is the deployment's week.
        _ => View.PinFrom is { } from && Math.Abs((from - Endpoint.LastModifiedAt).TotalSeconds) < 60 ? "deployment" : "custom",
    };

    private DateTimeOffset DeploymentWeekEnd
    {
        get
        {
            var end = Endpoint.LastModifiedAt.AddDays(7);
            var now = Time.GetUtcNow();
            return end < now ? end : now;
        }
    }

    protected override void OnParametersSet()
    {
        if (_editing == Editing.None)
        {
            _from = View.Range.From.UtcDateTime.ToString(InputFormat, CultureInfo.InvariantCulture);
            _to = View.Range.To.UtcDateTime.ToString(InputFormat, CultureInfo.InvariantCulture);
        }
    }

    private Task SetRange(string key)
    {
        _editing = Editing.None;
        var range = TimeRange.Parse(key, null, null, Time.GetUtcNow());
        return OnChange.InvokeAsync(View with { Range = range });
    }

    private Task SetCompare(ComparePeriod compare) => OnChange.InvokeAsync(View with { Compare = compare });

    private Task SetBaseline(string choice)
    {
        switch (choice)
        {
            case "team":
                _editing = Editing.None;
                return OnChange.InvokeAsync(View with { PinFrom = null, PinTo = null, Seasonal = false });
            case "deployment":
                _editing = Editing.None;
                return OnChange.InvokeAsync(View with { PinFrom = Endpoint.LastModifiedAt, PinTo = DeploymentWeekEnd, Seasonal = false });
            case "custom":
                _editing = Editing.Baseline;
                return Task.CompletedTask;
            default:
                // Without a team pin the plain URL is already seasonal; with one, the URL has to say so.
                _editing = Editing.None;
                return OnChange.InvokeAsync(View with { PinFrom = null, PinTo = null, Seasonal = TeamPin is not null });
        }
    }

    /// <summary>Checks both fields and says what is wrong at the field; nothing changes until both are right.</summary>
    private async Task ApplyWindow()
    {
        var now = Time.GetUtcNow();
        _fromError = Parse(_from, out var from) ? null : "Enter a date and time.";
        _toError = Parse(_to, out var to) ? null : "Enter a date and time.";
        if (_fromError is null && _toError is null)
        {
            if (to <= from)
            {
                _toError = "Must be after the start.";
            }
            else if (from > now)
            {
                _fromError = "Must not be in the future.";
            }
            else if (_editing == Editing.Range && to - from > TimeRange.MaxSpan)
            {
                _toError = $"At most {TimeRange.MaxSpan.TotalDays:0} days.";
            }
            else if (_editing == Editing.Baseline && to - from < TimeSpan.FromHours(1))
            {
                _toError = "A baseline window needs at least an hour of data.";
            }
        }
        if (_fromError is not null || _toError is not null)
        {
            return;
        }

        var view = _editing == Editing.Range
            ? View with { Range = new TimeRange(TimeRange.Custom, from, to) }
            : View with { PinFrom = from, PinTo = to, Seasonal = false };
        _editing = Editing.None;
        await OnChange.InvokeAsync(view);
    }

    private static bool Parse(string? text, out DateTimeOffset time)
    {
        var ok = DateTime.TryParseExact(text, [InputFormat, InputFormat + ":ss"], CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed);
        time = ok ? new DateTimeOffset(parsed, TimeSpan.Zero) : default;
        return ok;
    }
}
