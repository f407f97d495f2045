using System.Security.Cryptography;
using Dashboard.Simulator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting;

/// <summary>
/// The built-in simulated fleet for the default mode: the simulator runs in this process on a free loopback port and
/// the AWS clients are pointed at it, so the collectors run exactly the code they run against AWS.
/// </summary>
public sealed class SimulatedFleet : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatedFleet(WebApplication app, Uri address, SimulatorOptions options)
    {
        _app = app;
        Address = address;
        Options = options;
    }

    public Uri Address { get; }

    public SimulatorOptions Options { get; }

    public static async Task<SimulatedFleet> StartAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var app = SimulatorApp.Build(
            // In-process, the simulator's request logs would drown the dashboard's own.
            ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"],
            options =>
            {
                configuration.GetSection(SimulatorOptions.SectionName).Bind(options);
                // The documented demo secret would let any process on this machine sign requests to the embedded fleet
                // (its fault admin API included); only this process talks to it, so it gets a secret no one else knows.
                if (string.IsNullOrEmpty(configuration[$"{SimulatorOptions.SectionName}:{nameof(SimulatorOptions.SecretAccessKey)}"]))
                {
                    options.SecretAccessKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));
                }
                // The demo's events (the 5XX burst runs from 20 minutes before to 25 after the anchor) are placed
                // around the moment the dashboard starts, so a fresh start always shows them in progress.
                var now = DateTimeOffset.UtcNow;
                options.Anchor ??= new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
            },
            argumentsOnly: true);
        await app.StartAsync(cancellationToken);
        return FromStarted(app);
    }

    /// <summary>
    /// Wraps a simulator host that was built and started elsewhere (integration tests build it with a pinned clock);
    /// disposing the fleet stops and disposes that host.
    /// </summary>
    public static SimulatedFleet FromStarted(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimulatedFleet(app, new Uri(address), app.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
