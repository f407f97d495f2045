using Dashboard.Core.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Dashboard.Web.Accounts;

/// <summary>The signed-in person of the current request or interactive circuit, as the server established it.</summary>
public interface ICurrentActor
{
    Task<Actor> GetAsync();
}

/// <summary>
/// The client address of this DI scope. An interactive circuit gets its own scope, separate from the request that
/// prerendered the page, so <see cref="ClientAddressCircuitHandler"/> records the address of the circuit's connection.
/// </summary>
public sealed class ClientAddress
{
    public string? Value { get; set; }
}

public sealed class CurrentActor(AuthenticationStateProvider authentication, ClientAddress address, IHttpContextAccessor http) : ICurrentActor
{
    public async Task<Actor> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var actor = DashboardClaims.ToActor(state.User, null);
        return actor with { RemoteAddress = address.Value ?? DashboardClaims.Format(http.HttpContext?.Connection.RemoteIpAddress) };
    }
}

/// <summary>
/// Captures the client address when the circuit's connection comes up. Circuit events run inside the hub call of the
/// WebSocket request, which is the one request an interactive circuit has.
/// </summary>
internal sealed class ClientAddressCircuitHandler(ClientAddress address, IHttpContextAccessor http) : CircuitHandler
{
    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (http.HttpContext?.Connection.RemoteIpAddress is { } remote)
        {
            address.Value = DashboardClaims.Format(remote);
        }
        return Task.CompletedTask;
    }
}
