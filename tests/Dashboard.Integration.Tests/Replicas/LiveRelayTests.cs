using Dashboard.Core.Fleet;
using Dashboard.Core.Live;
using Dashboard.Core.Metrics;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Dashboard.Core.Storage;
using Dashboard.Core.Traffic;
using Dashboard.Storage.Postgres.Live;
using Dashboard.Storage.Startup;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Dashboard.Integration.Tests.Replicas;

/// <summary>
/// Two replicas over one PostgreSQL database, each with only its storage, its LiveStore and the relay (no collectors,
/// as on a replica that does not hold the lease): what one publishes reaches the other's pages.
/// </summary>
public sealed class LiveRelayTests : IAsyncLifetime
{
    // Generous against a busy machine; the relay itself takes milliseconds.
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(5);
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<IHost> _replicas = [];
    private string _connectionString = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _connectionString = await PostgresServer.CreateDatabaseAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.StopAsync(CancellationToken.None);
            replica.Dispose();
        }
        await PostgresServer.DropDatabaseAsync(_connectionString);
    }

    [Fact]
    public async Task Publish_OnOneReplica_ReachesTheOtherReplicasSubscriptionAndState()
    {
        var a = await StartReplicaAsync();
        var b = await StartReplicaAsync();
        var alarms = Await(b, c => c.Has(LiveChangeKind.Alarms) && c.Endpoints.Contains("churn"));
        var status = Await(b, c => Live(b).Sources.ContainsKey("CloudWatch") && Live(b).NewestMetricTime == 1_772_366_400
            && Live(b).Backfill.WindowsTotal == 15);

        Live(a).PublishAlarms(["churn"]);
        Live(a).PublishMetrics(["churn"], 1_772_366_400);
        Live(a).ReportFailure("CloudWatch", "ThrottlingException: Rate exceeded");
        Live(a).PublishBackfill(new BackfillProgress(3, 15, Now));

        await alarms.WaitAsync(Within, Ct);
        await status.WaitAsync(Within, Ct);
        var relayed = Live(b).Sources["CloudWatch"];
        Assert.Equal(1, relayed.ConsecutiveFailures);
        Assert.Equal("ThrottlingException: Rate exceeded", relayed.LastError);
        Assert.Equal(new BackfillProgress(3, 15, Now), Live(b).Backfill);
    }

    [Fact]
    public async Task Publish_OnOneReplica_IsNotAppliedAgainByItsOwnListener()
    {
        var a = await StartReplicaAsync();
        var b = await StartReplicaAsync();
        var seenOnA = new List<LiveChange>();
        // One subscription sees its changes in order; two subscriptions may be called in either order. So the marker
        // is awaited on the same subscription that records what A saw.
        var markerOnA = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onA = Live(a).Subscribe(change =>
        {
            lock (seenOnA)
            {
                seenOnA.Add(change);
            }
            if (change.Endpoints.Contains("marker"))
            {
                markerOnA.TrySetResult();
            }
            return Task.CompletedTask;
        }, TimeSpan.Zero);
        var reachedB = Await(b, c => c.Endpoints.Contains("churn"));

        Live(a).PublishAlarms(["churn"]);
        await reachedB.WaitAsync(Within, Ct);
        // PostgreSQL delivers notifications in the order they were sent: by the time B's marker reaches A, A's own
        // notification has reached A's listener too, and must have been skipped.
        Live(b).PublishAlarms(["marker"]);
        await markerOnA.Task.WaitAsync(Within, Ct);

        lock (seenOnA)
        {
            Assert.Single(seenOnA, c => c.Endpoints.Contains("churn"));
        }
    }

    [Fact]
    public async Task Publish_TooManyEndpointsToList_ReachesTheOtherReplicaAsConcerningItsWholeFleet()
    {
        var a = await StartReplicaAsync();
        var b = await StartReplicaAsync();
        await SaveAndPublishFleetAsync(a, "churn", "fraud");
        await WaitUntilAsync(() => Live(b).Fleet.Count == 2);
        var names = Enumerable.Range(0, 2_000).Select(i => $"endpoint-{i:D5}".PadRight(63, 'x')).ToArray();
        var metrics = Await(b, c => c.Has(LiveChangeKind.Metrics));

        Live(a).PublishMetrics(names, 1_772_366_400);

        var change = await metrics.WaitAsync(Within, Ct);
        Assert.Equal(["churn", "fraud"], change.Endpoints.Order(StringComparer.Ordinal));
        Assert.Equal(1_772_366_400, Live(b).NewestMetricTime);
    }

    [Fact]
    public async Task Fleet_StoredBeforeAReplicaStarts_IsLoadedAtStartAndReloadedWhenItChanges()
    {
        var a = await StartReplicaAsync();
        await SaveAndPublishFleetAsync(a, "churn");

        var b = await StartReplicaAsync();

        Assert.Equal(["churn"], Live(b).Fleet.Select(e => e.Name));
        var grown = Await(b, c => c.Has(LiveChangeKind.Fleet) && Live(b).Fleet.Count == 2);
        await SaveAndPublishFleetAsync(a, "churn", "fraud");
        var change = await grown.WaitAsync(Within, Ct);
        Assert.Contains("fraud", change.Endpoints);
        Assert.Equal(["churn", "fraud"], Live(b).Fleet.Select(e => e.Name));
    }

    [Fact]
    public async Task TrafficChange_SettledOnTheLeaseHolder_TheOtherReplicaShowsTheNewSplit()
    {
        var a = await StartReplicaAsync();
        var b = await StartReplicaAsync();
        var ab = Endpoint("pricing-ab") with
        {
            Variants = [new VariantState("VariantA", "ml.c5.xlarge", 3, 3, 0.8, 0.8), new VariantState("VariantB", "ml.c5.xlarge", 1, 1, 0.2, 0.2)],
        };
        await a.Services.GetRequiredService<IFleetStore>().SaveAsync([ab], Ct);
        Live(a).PublishFleet([ab]);
        await WaitUntilAsync(() => Live(b).Fleet.Count == 1);
        var sageMaker = new FakeSageMakerClient();
        sageMaker.Endpoints.Add(Described(ab, 0.8f, 0.2f));
        var traffic = ActivatorUtilities.CreateInstance<TrafficService>(a.Services, sageMaker);
        var proposal = await traffic.ProposeAsync(new Actor("erin", new HashSet<Role> { Role.Engineer }), ab.Name,
            [new("VariantA", 0.5), new("VariantB", 0.5)], "B converts better", Ct);
        await traffic.ApproveAsync(new Actor("olga", new HashSet<Role> { Role.Operator }), proposal.Change!.Id, null, Ct);
        using var settler = ActivatorUtilities.CreateInstance<TrafficSettler>(a.Services, traffic, sageMaker);
        var split = Await(b, c => c.Has(LiveChangeKind.Fleet)
            && Live(b).Fleet.Single().Variants.Select(v => v.CurrentWeight).SequenceEqual([0.5, 0.5]));

        sageMaker.Endpoints[0] = Described(ab, 0.5f, 0.5f);
        await settler.RunOnceAsync(Ct);

        // Not a fleet poll later: the settler stored the split before publishing it, and B reloads the stored fleet.
        await split.WaitAsync(Within, Ct);
        Assert.Equal(TrafficChangeStatus.Applied, Assert.Single(await traffic.RecentAsync(ab.Name, 5, Ct)).Status);
        Assert.All(Live(b).Fleet.Single().Variants, v => Assert.Equal("ml.c5.xlarge", v.InstanceType));
    }

    [Fact]
    public async Task History_StoredBeforeAReplicaStarts_ItsNewestTimeIsKnownAtStart()
    {
        var a = await StartReplicaAsync();
        var key = new SeriesKey("AWS/SageMaker", "Invocations", "EndpointName=churn|VariantName=AllTraffic", "Sum", 60);
        await a.Services.GetRequiredService<IMetricWriter>().WriteAsync([new(key, [new(1_796_680_000, 3), new(1_796_680_060, 4)])], Ct);

        var b = await StartReplicaAsync();

        // Without waiting for the polling replica's next write: a page or the health check there reads it at once.
        Assert.Equal(1_796_680_060, Live(b).NewestMetricTime);
    }

    [Fact]
    public async Task Listener_ConnectionKilled_ReconnectsReloadsTheFleetAndResumes()
    {
        var a = await StartReplicaAsync();
        var b = await StartReplicaAsync();
        await SaveAndPublishFleetAsync(a, "churn");
        await WaitUntilAsync(() => Live(b).Fleet.Count == 1);

        // Stored with no notification, as if B had missed it: only the reload on reconnecting can bring it.
        await a.Services.GetRequiredService<IFleetStore>().SaveAsync([Endpoint("churn"), Endpoint("fraud"), Endpoint("search")], Ct);

        var killed = await KillListenersAsync();

        Assert.Equal(2, killed.Count);
        Assert.Single(Live(b).Fleet);
        await WaitUntilAsync(() => Live(b).Fleet.Count == 3);
        await WaitUntilAsync(() => b.Services.GetRequiredService<LiveListener>().IsListening);
        var resumed = Await(b, c => c.Endpoints.Contains("after-restart"));
        Live(a).PublishAlarms(["after-restart"]);
        await resumed.WaitAsync(Within, Ct);
        Assert.DoesNotContain(await ListenerPidsAsync(), killed.Contains);
    }

    private async Task<IHost> StartReplicaAsync()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<LiveStore>();
        builder.Services.AddDashboardStorage(new StorageOptions { Provider = DatabaseProvider.Postgres, ConnectionString = _connectionString });
        builder.Services.AddPostgresLiveRelay();
        var host = builder.Build();
        _replicas.Add(host);
        await host.Services.InitializeDashboardStorageAsync(Ct);
        await host.StartAsync(Ct);
        await WaitUntilAsync(() => host.Services.GetRequiredService<LiveListener>().IsListening);
        return host;
    }

    private static LiveStore Live(IHost replica) => replica.Services.GetRequiredService<LiveStore>();

    /// <summary>Completes with the first change on <paramref name="replica"/> that <paramref name="wanted"/> accepts.</summary>
    private static Task<LiveChange> Await(IHost replica, Func<LiveChange, bool> wanted)
    {
        var received = new TaskCompletionSource<LiveChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = Live(replica).Subscribe(change =>
        {
            if (wanted(change))
            {
                received.TrySetResult(change);
            }
            return Task.CompletedTask;
        }, TimeSpan.Zero);
        _ = received.Task.ContinueWith(_ => subscription.Dispose(), TaskScheduler.Default);
        return received.Task;
    }

    private static async Task SaveAndPublishFleetAsync(IHost replica, params string[] names)
    {
        var fleet = names.Select(Endpoint).ToList();
        // As the fleet collector does: storage first, then the live store.
        await replica.Services.GetRequiredService<IFleetStore>().SaveAsync(fleet, Ct);
        Live(replica).PublishFleet(fleet);
    }

    private static DescribeEndpointResponse Described(EndpointState endpoint, float a, float b) => new(endpoint.Name, endpoint.Arn,
        endpoint.ConfigName, [new ProductionVariantSummary("VariantA", a, a, 3, 3), new ProductionVariantSummary("VariantB", b, b, 1, 1)],
        "InService", Now, Now);

    private static EndpointState Endpoint(string name) =>
        new(name, $"arn:aws:sagemaker:us-east-1:123456789012:endpoint/{name}", "InService", "config", Now, Now, null, [], Now);

    private async Task<List<int>> KillListenersAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(Ct);
        await using var kill = new NpgsqlCommand("""
            SELECT pid FROM pg_stat_activity
            WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pg_terminate_backend(pid)
            """, connection);
        var killed = new List<int>();
        await using var reader = await kill.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            killed.Add(reader.GetInt32(0));
        }
        return killed;
    }

    private async Task<List<int>> ListenerPidsAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(Ct);
        await using var select = new NpgsqlCommand(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE '%" +
            LiveListener.ApplicationNameSuffix + "'", connection);
        var pids = new List<int>();
        await using var reader = await select.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            pids.Add(reader.GetInt32(0));
        }
        return pids;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        while (!condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }
}
