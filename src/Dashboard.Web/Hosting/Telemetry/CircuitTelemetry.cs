using Dashboard.Core.Telemetry;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Dashboard.Web.Hosting.Telemetry;

/// <summary>
/// Counts the Blazor Server circuits open in this process (<c>dashboard.circuits.open</c>): each holds a browser tab's
/// state and a WebSocket, so it is what a replica's memory and a load balancer's stickiness are about.
/// </summary>
internal sealed class CircuitTelemetry : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        DashboardTelemetry.CircuitsOpen.Add(1);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        DashboardTelemetry.CircuitsOpen.Add(-1);
        return Task.CompletedTask;
    }
}
