using Dashboard.Core.Collectors;
using Dashboard.Core.Replicas;
using Dashboard.Core.Workers;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Dashboard.Integration.Tests.Hosting;

/// <summary>Two whole dashboards on one PostgreSQL database: the worker lease is real (an advisory lock), nothing is faked.</summary>
public sealed class WorkerLeaseTests
{
    private static readonly TimeSpan Takeover = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TwoReplicas_OneHoldsTheLeaseAndPolls_TheOtherTakesOverWhenItGoes()
    {
        var database = await PostgresServer.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        InProcessDashboard? first = null;
        InProcessDashboard? second = null;
        try
        {
            first = await StartAsync(database);
            second = await StartAsync(database);
            var replicas = new[] { first, second };

            await WaitUntilAsync(() => replicas.Count(r => Lease(r).HeldHere) == 1, Takeover);
            var holder = replicas.Single(r => Lease(r).HeldHere);
            var other = replicas.Single(r => r != holder);
            // Only the holder's collectors run; the other serves pages only.
            Assert.True(Running<FleetCollector>(holder));
            Assert.True(Running<MetricCollector>(holder));
            Assert.False(Running<FleetCollector>(other));
            Assert.False(Running<MetricCollector>(other));
            await WaitUntilAsync(() => Lease(other).Holder == Id(holder), Takeover);
            var rows = await holder.Services.GetRequiredService<IReplicaStore>().ListAsync(TestContext.Current.CancellationToken);
            Assert.Equal(Id(holder), Assert.Single(rows, r => r.HoldsLeaseSince is not null).Id);

            await holder.DisposeAsync();
            if (holder == first)
            {
                first = null;
            }
            else
            {
                second = null;
            }

            await WaitUntilAsync(() => Lease(other).HeldHere, Takeover);
            Assert.True(Running<FleetCollector>(other));
            Assert.True(Running<MetricCollector>(other));
            var after = await other.Services.GetRequiredService<IReplicaStore>().ListAsync(TestContext.Current.CancellationToken);
            Assert.Equal(Id(other), Assert.Single(after, r => r.HoldsLeaseSince is not null).Id);
        }
        finally
        {
            if (first is not null)
            {
                await first.DisposeAsync();
            }
            if (second is not null)
            {
                await second.DisposeAsync();
            }
            await PostgresServer.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task HolderLosesItsLockConnection_StopsItsWorkersAndOneReplicaHoldsTheLeaseAgain()
    {
        var database = await PostgresServer.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        InProcessDashboard? first = null;
        InProcessDashboard? second = null;
        try
        {
            first = await StartAsync(database);
            second = await StartAsync(database);
            var replicas = new[] { first, second };
            await WaitUntilAsync(() => replicas.Count(r => Lease(r).HeldHere) == 1, Takeover);
            var holder = replicas.Single(r => Lease(r).HeldHere);
            var since = Lease(holder).Since;

            // What a dead network or a server restart does to the holder's session: the server ends it, the lock goes with it.
            await using (var admin = new NpgsqlConnection(database))
            {
                await admin.OpenAsync(TestContext.Current.CancellationToken);
                await using var kill = new NpgsqlCommand(
                    "SELECT count(pg_terminate_backend(a.pid)) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid " +
                    "WHERE l.locktype = 'advisory' AND l.granted AND a.datname = current_database() AND a.application_name = 'sagemaker-dashboard-lease'",
                    admin);
                Assert.Equal(1L, await kill.ExecuteScalarAsync(TestContext.Current.CancellationToken));
            }

            // The holder noticed (HandleLostToken) and stopped its workers, or took the lease again afresh; never two holders.
            await WaitUntilAsync(() => replicas.Count(r => Lease(r).HeldHere) == 1 && Lease(replicas.Single(r => Lease(r).HeldHere)).Since != since, Takeover);
            await WaitUntilAsync(() => replicas.Where(r => !Lease(r).HeldHere).All(r => !Running<FleetCollector>(r) && !Running<MetricCollector>(r)), Takeover);
            Assert.True(Running<FleetCollector>(replicas.Single(r => Lease(r).HeldHere)));
        }
        finally
        {
            if (first is not null)
            {
                await first.DisposeAsync();
            }
            if (second is not null)
            {
                await second.DisposeAsync();
            }
            await PostgresServer.DropDatabaseAsync(database);
        }
    }

    private static Task<InProcessDashboard> StartAsync(string database) => InProcessDashboard.StartAsync(new Dictionary<string, string?>
    {
        ["Dashboard:Database:Provider"] = "Postgres",
        ["Dashboard:Database:ConnectionString"] = database,
    }, cancellationToken: TestContext.Current.CancellationToken);

    private static IWorkerLeaseState Lease(InProcessDashboard app) => app.Services.GetRequiredService<IWorkerLeaseState>();

    private static string Id(InProcessDashboard app) => app.Services.GetRequiredService<ReplicaIdentity>().Id;

    private static bool Running<TWorker>(InProcessDashboard app)
        where TWorker : PeriodicWorker =>
        app.Services.GetRequiredService<TWorker>().ExecuteTask is { IsCompleted: false };

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan patience)
    {
        var until = DateTime.UtcNow + patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, $"the condition did not hold within {patience.TotalSeconds:0} s");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
