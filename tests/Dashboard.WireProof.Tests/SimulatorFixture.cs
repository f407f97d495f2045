using System.Text.Json;
using Dashboard.Simulator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Dashboard.WireProof.Tests;

/// <summary>One in-process simulator (system clock, signatures verified) for the SDK-parses-the-simulator tests.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public const int ListMetricsPageSize = 7;

    private WebApplication? _app;

    public WebApplication App => _app ?? throw new InvalidOperationException("not started");

    public Uri Endpoint { get; private set; } = null!;

    public SimulatorOptions Options => App.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value;

    public async ValueTask InitializeAsync()
    {
        _app = SimulatorApp.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"],
            o => o.ListMetricsPageSize = ListMetricsPageSize);
        await _app.StartAsync(TestContext.Current.CancellationToken);
        Endpoint = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public Task<JsonElement> CallAsync(string operation, string jsonInput, string? secretAccessKey = null) =>
        PeerNode.CallAsync(Endpoint, operation, jsonInput, Options.AccessKeyId, secretAccessKey ?? Options.SecretAccessKey,
            TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
