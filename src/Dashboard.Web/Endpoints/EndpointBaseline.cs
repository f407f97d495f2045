using Dashboard.Core.Baselines;
using Dashboard.Web.Navigation;

namespace Dashboard.Web.Endpoints;

public enum BaselineSource
{
    /// <summary>The same hour of previous days, from the endpoint's own history.</summary>
    Seasonal,

    /// <summary>The window the team pinned for this endpoint.</summary>
    TeamPin,

    /// <summary>Another window, given in the URL.</summary>
    Window,
}

/// <summary>
/// What the endpoint page compares against. A window in the URL wins, because someone is exploring it; without one
/// the team's pinned window is the default, so a manager opening the plain link sees what the team agreed on, unless
/// the URL asks for the seasonal baseline instead.
/// </summary>
/// <param name="From">Start of the baseline window in Unix seconds; null for <see cref="BaselineSource.Seasonal"/>.</param>
public sealed record EndpointBaseline(BaselineSource Source, long? From = null, long? To = null)
{
    public static EndpointBaseline For(EndpointView view, BaselinePin? teamPin)
    {
        if (view.IsPinned)
        {
            var from = view.PinFrom!.Value.ToUnixTimeSeconds();
            var to = view.PinTo!.Value.ToUnixTimeSeconds();
            // Links made before the pin became the default carry the team's window itself: that is still the team's baseline.
            var isTeams = teamPin is not null && teamPin.From == from && teamPin.To == to;
            return new EndpointBaseline(isTeams ? BaselineSource.TeamPin : BaselineSource.Window, from, to);
        }
        return teamPin is not null && !view.Seasonal
            ? new EndpointBaseline(BaselineSource.TeamPin, teamPin.From, teamPin.To)
            : new EndpointBaseline(BaselineSource.Seasonal);
    }
}
