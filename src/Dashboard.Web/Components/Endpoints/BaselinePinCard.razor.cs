using System.Globalization;
using Dashboard.Core.Baselines;
using Dashboard.Core.Security;
using Dashboard.Web.Accounts;
using Dashboard.Web.Navigation;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Endpoints;

public partial class BaselinePinCard
{
    private BaselinePin? _pin;
    private bool _canPin;
    private string? _note;
    private string? _error;

    [Parameter, EditorRequired] public string Endpoint { get; set; } = "";

    [Parameter, EditorRequired] public EndpointView View { get; set; } = default!;

    [Inject] private IBaselinePinStore Pins { get; set; } = default!;
    [Inject] private ICurrentActor CurrentActor { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private bool IsTeamPinShown => _pin is { } pin && View.IsPinned
        && View.PinFrom!.Value.ToUnixTimeSeconds() == pin.From && View.PinTo!.Value.ToUnixTimeSeconds() == pin.To;

    /// <summary>The view has a pinned window that is not the team's yet, and the user may pin.</summary>
    private bool CanPinCurrent => _canPin && View.IsPinned && !IsTeamPinShown;

    private string TeamPinUrl => DashboardUrls.Endpoint(Endpoint, View with
    {
        PinFrom = DateTimeOffset.FromUnixTimeSeconds(_pin!.From),
        PinTo = DateTimeOffset.FromUnixTimeSeconds(_pin.To),
    });

    protected override async Task OnInitializedAsync() => _canPin = (await CurrentActor.GetAsync()).Can(Permission.PinBaselines);

    protected override async Task OnParametersSetAsync() => _pin = await Pins.FindAsync(Endpoint);

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
        }
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
        }
    }

    private static string Utc(long time) =>
        DateTimeOffset.FromUnixTimeSeconds(time).UtcDateTime.ToString("d MMM HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
