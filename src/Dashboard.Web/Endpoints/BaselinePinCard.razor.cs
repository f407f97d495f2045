using System.Globalization;
using Dashboard.Core.Baselines;
using Dashboard.Core.Security;
using Dashboard.Web.Accounts;
using Dashboard.Web.Navigation;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Endpoints;

public partial class BaselinePinCard
{
    private BaselinePin? _pin;
    private bool _canPin;
    private string? _note;
    private string? _error;

    [Parameter, EditorRequired] public string Endpoint { get; set; } = "";

    [Parameter, EditorRequired] public EndpointView View { get; set; } = default!;

    /// <summary>The endpoint's team pin as the page read it; the card tells the page when it pins or unpins.</summary>
    [Parameter] public BaselinePin? TeamPin { get; set; }

    [Parameter] public EventCallback<BaselinePin?> TeamPinChanged { get; set; }

    [Inject] private ICurrentActor CurrentActor { get; set; } = default!;
    [Inject] private IBaselinePinStore Pins { get; set; } = default!;

    private BaselineSource Source => EndpointBaseline.For(View, _pin).Source;

    private string? NotUsedReason => Source switch
    {
        BaselineSource.Seasonal => "This view compares with the seasonal baseline instead.",
        BaselineSource.Window => "This view compares with another window.",
        _ => null,
    };

    /// <summary>The view has a window in its URL that is not the team's yet, and the user may pin.</summary>
    private bool CanPinCurrent => _canPin && Source == BaselineSource.Window;

    // Both links drop any window from the URL: the plain URL is the team's pin, so it follows a later re-pin.
    private string TeamPinUrl => DashboardUrls.Endpoint(Endpoint, View with { PinFrom = null, PinTo = null, Seasonal = false });

    private string SeasonalUrl => DashboardUrls.Endpoint(Endpoint, View with { PinFrom = null, PinTo = null, Seasonal = true });

    protected override async Task OnInitializedAsync() => _canPin = (await CurrentActor.GetAsync()).Can(Permission.PinBaselines);

    protected override void OnParametersSet() => _pin = TeamPin;

    private async Task PinAsync()
    {
        _error = null;
        try
        {
            _pin = await Pins.PinAsync(await CurrentActor.GetAsync(), Endpoint,
                View.PinFrom!.Value.ToUnixTimeSeconds(), View.PinTo!.Value.ToUnixTimeSeconds(), _note);
            _note = null;
        }
        catch (Exception ex) when (ex is AccessDeniedException or ArgumentException)
        {
            _error = ex.Message;
            return;
        }
        await TeamPinChanged.InvokeAsync(_pin);
    }

    private async Task UnpinAsync()
    {
        _error = null;
        try
        {
            await Pins.UnpinAsync(await CurrentActor.GetAsync(), Endpoint);
            _pin = null;
        }
        catch (AccessDeniedException ex)
        {
            _error = ex.Message;
            return;
        }
        await TeamPinChanged.InvokeAsync(null);
    }

    private static string Utc(long time) =>
        DateTimeOffset.FromUnixTimeSeconds(time).UtcDateTime.ToString("d MMM HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
