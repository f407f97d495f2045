using Dashboard.Aws;
using Dashboard.Core.CloudWatch;
using Dashboard.Core.Collectors;
using Dashboard.Core.Deployments;
using Dashboard.Core.Live;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Storage;
using Dashboard.Simulator;
using Dashboard.Storage.Startup;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Benchmarks;

/// <summary>
/// The simulator in-process over real HTTP, the real AWS clients, a temp SQLite store and the real collectors, all
/// collectors on one <see cref="FakeTimeProvider"/> shared with the simulator, so polls move minute by minute
/// without waiting. Collectors are driven with <see cref="PollingCollector.RunOnceAsync"/>.
/// </summary>
public sealed class CostHost : IAsyncDisposable
{
    private readonly WebApplication _simulator;
    private readonly ServiceProvider _services;

    private CostHost(WebApplication simulator, ServiceProvider services, FakeTimeProvider time, CollectorOptions options, string path)
    {
        _simulator = simulator;
        _services = services;
        Time = time;
        Options = options;
        DatabasePath = path;
        Live = services.GetRequiredService<LiveStore>();
        var logs = services.GetRequiredService<ILoggerFactory>();
        var wrapped = services.GetRequiredService<IOptions<CollectorOptions>>();
        Fleet = new FleetCollector(services.GetRequiredService<ISageMakerClient>(), services.GetRequiredService<IFleetStore>(),
            Live, wrapped, time, logs.CreateLogger<FleetCollector>());
        Metrics = new MetricCollector(services.GetRequiredService<ICloudWatchClient>(), services.GetRequiredService<IMetricWriter>(),
            Coverage, Live, wrapped, time, logs.CreateLogger<MetricCollector>());
    }

    public FakeTimeProvider Time { get; }

    /// <summary>Read by the collectors at every poll: the bench's settings.</summary>
    public CollectorOptions Options { get; }

    public string DatabasePath { get; }

    public LiveStore Live { get; }

    public FleetCollector Fleet { get; }

    public MetricCollector Metrics { get; }

    public ICoverageQueries Coverage => _services.GetRequiredService<ICoverageQueries>();

    /// <summary>Every AWS request the dashboard's clients sent, by operation.</summary>
    public AwsCalls Calls => _services.GetRequiredService<AwsCalls>();

    public IServiceProvider Services => _services;

    /// <summary>The real deployment tracker (its launcher, gated canary driver, outside detection and alarm clean-up) on the host's clock.</summary>
    public DeploymentTracker NewTracker() => ActivatorUtilities.CreateInstance<DeploymentTracker>(_services);

    public static async Task<CostHost> StartAsync(int fleetSize, DateTimeOffset start, CollectorOptions options)
    {
        var time = new FakeTimeProvider(start);
        var simulator = SimulatorApp.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"],
            o => o.FleetSize = fleetSize, time);
        await simulator.StartAsync();
        var address = simulator.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var settings = simulator.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value;

        var path = BenchStorage.TempPath("cost");
        var services = new ServiceCollection()
            .AddLogging(b => b.AddFilter(level => level >= LogLevel.Warning))
            // Before the stores, which fall back to the system clock.
            .AddSingleton<TimeProvider>(time)
            .AddSingleton(new LiveStore(time))
            .AddSingleton(Microsoft.Extensions.Options.Options.Create(options))
            .AddDeploymentTracking()
            .AddSingleton<AwsCalls>()
            .AddTransient<AwsCallCounter>()
            .ConfigureHttpClientDefaults(client => client.AddHttpMessageHandler<AwsCallCounter>())
            .AddAwsClients(o =>
            {
                o.Region = settings.Region;
                o.CloudWatchServiceUrl = address;
                o.SageMakerServiceUrl = address;
                o.AccessKeyId = settings.AccessKeyId;
                o.SecretAccessKey = settings.SecretAccessKey;
            })
            .AddDashboardStorage(path)
            .BuildServiceProvider();
        await services.InitializeDashboardStorageAsync(CancellationToken.None);
        return new CostHost(simulator, services, time, options, path);
    }

    /// <summary>Throws when a collector's last poll failed: a figure from a failed poll would be meaningless.</summary>
    public void ThrowIfFailing()
    {
        foreach (var status in Live.Sources.Values.Where(s => s.IsFailing))
        {
            throw new InvalidOperationException($"{status.Source} poll failed: {status.LastError}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Fleet.Dispose();
        Metrics.Dispose();
        await _services.DisposeAsync();
        await _simulator.StopAsync();
        await _simulator.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" })
        {
            File.Delete(file);
        }
    }
}
