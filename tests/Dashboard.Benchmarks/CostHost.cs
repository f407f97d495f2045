using Dashboard.Aws;
using Dashboard.Core.Alarms;
using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Baselines;
using Dashboard.Core.CloudWatch;
using Dashboard.Core.Collectors;
using Dashboard.Core.Deployments;
using Dashboard.Core.Live;
using Dashboard.Core.Notifications;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Storage;
using Dashboard.Simulator;
using Dashboard.Storage.Startup;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Benchmarks;

/// <summary>
/// The simulator in-process over real HTTP, the real AWS clients, a temp SQLite store (or a PostgreSQL database with
/// the live relay, as a replica runs it) and the real collectors, all collectors on one <see cref="FakeTimeProvider"/>
/// shared with the simulator, so polls move minute by minute without waiting. Collectors are driven with
/// <see cref="PollingCollector.RunOnceAsync"/>.
/// </summary>
public sealed class CostHost : IAsyncDisposable
{
    private readonly WebApplication _simulator;
    private readonly ServiceProvider _services;
    private readonly StorageOptions _storage;
    private readonly List<IHostedService> _relay;

    private CostHost(WebApplication simulator, ServiceProvider services, FakeTimeProvider time, CollectorOptions options, StorageOptions storage,
        List<IHostedService> relay)
    {
        _simulator = simulator;
        _services = services;
        _storage = storage;
        _relay = relay;
        Time = time;
        Options = options;
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

    /// <summary>The SQLite file, or the PostgreSQL database without its password.</summary>
    public string StorageName => _storage.DisplayName;

    public LiveStore Live { get; }

    public FleetCollector Fleet { get; }

    public MetricCollector Metrics { get; }

    public ICoverageQueries Coverage => _services.GetRequiredService<ICoverageQueries>();

    /// <summary>Every AWS request the dashboard's clients sent, by operation.</summary>
    public AwsCalls Calls => _services.GetRequiredService<AwsCalls>();

    public IServiceProvider Services => _services;

    /// <summary>The real deployment tracker (its launcher, gated canary driver, outside detection and alarm clean-up) on the host's clock.</summary>
    public DeploymentTracker NewTracker() => ActivatorUtilities.CreateInstance<DeploymentTracker>(_services);

    /// <summary>
    /// The real alarm evaluation worker over this host's storage (default <see cref="AlarmOptions"/>); transitions go to
    /// <paramref name="notifier"/> instead of webhooks.
    /// </summary>
    public AlarmCollector NewAlarmCollector(IAlarmNotifier notifier) => ActivatorUtilities.CreateInstance<AlarmCollector>(_services,
        new AlarmInputs(_services.GetRequiredService<IMetricQueries>(), Coverage, new BaselineOptions()), notifier,
        Microsoft.Extensions.Options.Options.Create(new AlarmOptions()));

    /// <summary>Starts the simulator and the dashboard's side over <paramref name="storage"/> (unset: a temp SQLite file, deleted on dispose).</summary>
    public static async Task<CostHost> StartAsync(int fleetSize, DateTimeOffset start, CollectorOptions options, StorageOptions? storage = null)
    {
        var time = new FakeTimeProvider(start);
        var simulator = SimulatorApp.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"],
            o => o.FleetSize = fleetSize, time);
        await simulator.StartAsync();
        var address = simulator.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var settings = simulator.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value;

        storage ??= new StorageOptions { DatabasePath = BenchStorage.TempPath("cost") };
        var collection = new ServiceCollection()
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
            .AddDashboardStorage(storage);
        if (storage.Provider == DatabaseProvider.Postgres)
        {
            collection.AddPostgresLiveRelay();
        }
        var services = collection.BuildServiceProvider();
        await services.InitializeDashboardStorageAsync(CancellationToken.None);
        // On PostgreSQL every publication also goes out as a NOTIFY (and the listener runs), as on a replica.
        var relay = services.GetServices<IHostedService>().ToList();
        foreach (var worker in relay)
        {
            await worker.StartAsync(CancellationToken.None);
        }
        return new CostHost(simulator, services, time, options, storage, relay);
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
        foreach (var worker in _relay)
        {
            await worker.StopAsync(CancellationToken.None);
        }
        await _services.DisposeAsync();
        await _simulator.StopAsync();
        await _simulator.DisposeAsync();
        if (_storage.Provider == DatabaseProvider.Sqlite)
        {
            BenchStorage.Delete(_storage.DatabasePath);
        }
    }
}
