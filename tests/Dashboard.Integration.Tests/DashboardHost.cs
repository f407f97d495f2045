using System.Threading.RateLimiting;
using Dashboard.Aws.Wire;
using Dashboard.Core.Collectors;
using Dashboard.Core.Live;
using Dashboard.Core.Metrics;
using Dashboard.Core.Storage;
using Dashboard.Simulator;
using Dashboard.Simulator.Faults;
using Dashboard.Simulator.Scenario;
using Dashboard.Storage.Startup;
using Dashboard.Web.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Integration.Tests;

/// <summary>
/// The real simulator on a loopback port and the dashboard's services composed by <see cref="DashboardServices.AddDashboard"/>,
/// both on one <see cref="FakeTimeProvider"/>, with a temporary SQLite file. Collectors are not started: tests drive them
/// with <see cref="PollingCollector.RunOnceAsync"/>. <see cref="RestartAsync"/> builds a new container on the same file.
/// </summary>
public sealed class DashboardHost : IAsyncDisposable
{
    /// <summary>Collectors:BackfillDays is kept small so a backfill takes a second or two, not minutes.</summary>
    public const int MaxBackfillDays = 2;
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    private const long Day = 86_400;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-it-" + Guid.NewGuid().ToString("N"));
    private readonly SimulatedFleet _fleet;
    private readonly bool _rateLimits;
    private ServiceProvider? _services;

    private DashboardHost(FakeTimeProvider time, SimulatedFleet fleet, FleetScenario scenario, SimulatorFaults simulatorFaults, int backfillDays,
        bool rateLimits)
    {
        _rateLimits = rateLimits;
        SimulatorFaults = simulatorFaults;
        BackfillDays = backfillDays;
        Time = time;
        _fleet = fleet;
        Scenario = scenario;
    }

    public int BackfillDays { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>The simulator's own scenario: what every stored point should be.</summary>
    public FleetScenario Scenario { get; }

    public FaultSwitch Faults { get; } = new();

    /// <summary>The simulator's own fault injection (throttling, outages, malformed replies), on the shared fake clock.</summary>
    public SimulatorFaults SimulatorFaults { get; }

    public string DatabasePath => Path.Combine(_folder, "dashboard.db");

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("Not started.");

    public FleetCollector FleetCollector => Services.GetRequiredService<FleetCollector>();

    public MetricCollector MetricCollector => Services.GetRequiredService<MetricCollector>();

    public LiveStore Live => Services.GetRequiredService<LiveStore>();

    public IMetricQueries Queries => Services.GetRequiredService<IMetricQueries>();

    /// <param name="rateLimits">
    /// false lifts the client-side AWS quotas (real-time token buckets, about 10 SageMaker calls a second): a test
    /// that polls dozens of times through retried faults would otherwise spend most of its time waiting for permits.
    /// </param>
    /// <param name="scheduledDeployment">The demo's CI/CD deployment of support-intent: off, so the fleet's series stay the catalogue's.</param>
    public static async Task<DashboardHost> StartAsync(CancellationToken cancellationToken, int backfillDays = 1, bool rateLimits = true,
        bool scheduledDeployment = false)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(backfillDays, MaxBackfillDays);
        var time = new FakeTimeProvider(TestClock.Start);
        var app = SimulatorApp.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"], o =>
        {
            o.Seed = TestClock.Seed;
            o.Anchor = TestClock.Anchor;
            o.ScheduledDeployment = scheduledDeployment;
            // Enough records for hourly drift scores, few enough that reading a day of capture takes seconds.
            o.CaptureRecordsPerHour = 120;
        }, time);
        await app.StartAsync(cancellationToken);
        var fleet = SimulatedFleet.FromStarted(app);
        var host = new DashboardHost(time, fleet, app.Services.GetRequiredService<FleetScenario>(),
            app.Services.GetRequiredService<SimulatorFaults>(), backfillDays, rateLimits);
        try
        {
            await host.RestartAsync(cancellationToken);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    /// <summary>Throws the dashboard's services away and composes new ones on the same database file.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
        _services = Compose();
        await _services.InitializeDashboardStorageAsync(cancellationToken);
    }

    private ServiceProvider Compose()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dashboard:DatabasePath"] = DatabasePath,
            ["Collectors:BackfillDays"] = BackfillDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Aws:RequestTimeout"] = RequestTimeout.ToString(),
            // The drift reader reads every capture file of the window: a day keeps a test's reading to seconds.
            ["Drift:BackfillDays"] = "1",
        }).Build();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDashboard(configuration, _fleet);
        // After AddDashboard: the last registration wins, so everything runs on the simulator's clock.
        services.AddSingleton<TimeProvider>(Time);
        // Retries stay on (three attempts) but wait zero, since a fake clock would never end a real wait.
        services.AddSingleton(new AwsRetryPolicy { Jitter = () => 0 });
        services.AddSingleton(Faults);
        if (!_rateLimits)
        {
            services.AddSingleton(new AwsRateLimiter(
                _ => new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = int.MaxValue, QueueLimit = 0 }), TimeProvider.System));
        }
        services.AddTransient<FaultInjectingHandler>();
        services.ConfigureHttpClientDefaults(client => client.AddHttpMessageHandler<FaultInjectingHandler>());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>Fleet poll, then metric poll: the first start's backfill.</summary>
    public async Task BackfillAsync(CancellationToken cancellationToken)
    {
        await FleetCollector.RunOnceAsync(cancellationToken);
        await MetricCollector.RunOnceAsync(cancellationToken);
        AssertHealthy(FleetCollector.SourceName);
        AssertHealthy(MetricCollector.SourceName);
    }

    public void AssertHealthy(string source)
    {
        Assert.True(Live.Sources.TryGetValue(source, out var status), $"{source} has no status");
        Assert.False(status.IsFailing, $"{source} is failing: {status.LastError}");
    }

    /// <summary>
    /// Runs one poll while the service hangs: each time a request is stuck, the clock is moved past the per-attempt
    /// timeout, until the poll gives up. Bounded in real time.
    /// </summary>
    public Task PollThroughTimeoutsAsync(PollingCollector collector, CancellationToken cancellationToken) =>
        ThroughTimeoutsAsync(collector.RunOnceAsync(cancellationToken), cancellationToken);

    /// <summary>
    /// Waits for <paramref name="poll"/> while the service hangs: each time a request is stuck, the clock is moved past
    /// the per-attempt timeout, until the caller gives up. Bounded in real time.
    /// </summary>
    public async Task<T> ThroughTimeoutsAsync<T>(Task<T> work, CancellationToken cancellationToken)
    {
        await ThroughTimeoutsAsync((Task)work, cancellationToken);
        return await work;
    }

    private async Task ThroughTimeoutsAsync(Task poll, CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(60));
        while (!poll.IsCompleted)
        {
            var hanging = Faults.WaitForHangingAsync(bound.Token);
            if (await Task.WhenAny(poll, hanging) == hanging)
            {
                await hanging;
                Time.Advance(RequestTimeout);
            }
        }
        await bound.CancelAsync();
        await poll;
    }

    /// <summary>The window the first poll at <paramref name="now"/> backfills: [oldest, end) as the poll planner sets it.</summary>
    public (long From, long To) BackfillWindow(DateTimeOffset now)
    {
        var end = now.ToUnixTimeSeconds() / 60 * 60;
        return ((end - BackfillDays * Day) / 3600 * 3600, end);
    }

    /// <summary>What the simulator serves for the series: one point per fully elapsed period in [from, to) that has data.</summary>
    public IReadOnlyList<MetricPoint> Expected(SeriesKey key, long from, long to)
    {
        var now = Time.GetUtcNow().ToUnixTimeSeconds();
        var points = new List<MetricPoint>();
        for (var t = (from + key.Period - 1) / key.Period * key.Period; t < to && t + key.Period <= now; t += key.Period)
        {
            if (ScenarioValues.Get(Scenario, key, t) is { } value)
            {
                points.Add(new MetricPoint(t, value));
            }
        }
        return points;
    }

    /// <summary>Every stored point of every series with coverage, read through the dashboard's own queries.</summary>
    public async Task<IReadOnlyDictionary<SeriesKey, IReadOnlyList<MetricPoint>>> ReadEverythingAsync(CancellationToken cancellationToken)
    {
        var coverage = await Services.GetRequiredService<ICoverageQueries>().GetCoverageAsync(cancellationToken);
        var now = Time.GetUtcNow().ToUnixTimeSeconds();
        return await Queries.ReadAsync(coverage.Keys.ToList(), now - 30 * Day, now + Day, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
        await _fleet.DisposeAsync();
        // Pooled connections keep the file open.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
