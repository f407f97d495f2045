using System.Net;
using Dashboard.Simulator.Faults;
using Dashboard.Simulator.Wire;

namespace Dashboard.Simulator.Tests.Wire;

/// <summary><c>/_simulator/calls</c>: every request of a known operation counted on arrival, readable only when signed.</summary>
public sealed class CallLogTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_AfterCallsRefusedOrNot_CountsEachOperationAsItArrived()
    {
        await using var host = await SimulatorHost.StartAsync();
        await host.ListEndpointsAsync();
        await host.ListEndpointsAsync();
        // Refused (no such endpoint) is still a call that reached SageMaker.
        await host.PostAsync("SageMaker.UpdateEndpoint", """{"EndpointName":"nope","EndpointConfigName":"nope"}""");
        await host.PostAsync("SageMaker.NoSuchOperation", "{}");

        var response = await host.CreateClient(new Signer { Service = FaultAdminEndpoints.SigningName }).GetAsync(CallLogEndpoints.Path, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calls = (await SimulatorHost.ReadJsonAsync(response)).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["SageMaker.ListEndpoints"] = 2, ["SageMaker.UpdateEndpoint"] = 1 }, calls);
    }

    [Fact]
    public async Task Get_Unsigned_RefusedAsAwsRefusesIt()
    {
        await using var host = await SimulatorHost.StartAsync();

        var response = await host.CreateUnsignedClient().GetAsync(CallLogEndpoints.Path, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("MissingAuthenticationTokenException", (await SimulatorHost.ReadJsonAsync(response)).GetProperty("__type").GetString());
    }
}
