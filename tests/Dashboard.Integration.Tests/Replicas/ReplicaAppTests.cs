using Dashboard.Core.Live;
using Dashboard.Storage.Postgres.Live;
using Dashboard.Tests.Shared;
using Dashboard.Web.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Integration.Tests.Replicas;

/// <summary>The whole dashboard as replicas: the relay is there on PostgreSQL, and not on SQLite.</summary>
public sealed class ReplicaAppTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoDashboards_OnOnePostgresDatabase_ShowEachOthersLiveChanges()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync(Ct);
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["Dashboard:Database:Provider"] = "Postgres",
                ["Dashboard:Database:ConnectionString"] = connectionString,
                // Both poll until the lease decides which one does: little history keeps that short.
                ["Collectors:BackfillDays"] = "1",
                ["Drift:BackfillDays"] = "1",
            };
            await using var a = await InProcessDashboard.StartAsync(settings, cancellationToken: Ct);
            await using var b = await InProcessDashboard.StartAsync(settings, cancellationToken: Ct);
            var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var subscription = b.Services.GetRequiredService<LiveStore>().Subscribe(change =>
            {
                if (change.Has(LiveChangeKind.Alarms) && change.Endpoints.Contains("relay-probe"))
                {
                    received.TrySetResult();
                }
                return Task.CompletedTask;
            }, TimeSpan.Zero);
            await WaitUntilListeningAsync(b);

            a.Services.GetRequiredService<LiveStore>().PublishAlarms(["relay-probe"]);

            await received.Task.WaitAsync(TimeSpan.FromSeconds(5), Ct);
            Assert.All(new[] { a, b }, dashboard => Assert.DoesNotContain(dashboard.Logs.GetSnapshot(), log =>
                log.Level >= LogLevel.Warning && log.Category is { } category && category.StartsWith(typeof(LiveListener).Namespace!, StringComparison.Ordinal)));
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    [Theory]
    [InlineData("Sqlite", false)]
    [InlineData("Postgres", true)]
    public void AddDashboard_Provider_RegistersTheRelayOnlyForPostgres(string provider, bool relayed)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dashboard:Database:Provider"] = provider,
            ["Dashboard:Database:ConnectionString"] = "Host=db;Database=dashboard;Username=dashboard",
        }).Build();

        var services = new ServiceCollection().AddLogging().AddDashboard(configuration, simulator: null);

        Assert.Equal(relayed, services.Any(d => d.ServiceType == typeof(LiveListener)));
        Assert.Equal(relayed, services.Any(d => d.ServiceType == typeof(LiveNotifier)));
    }

    private static async Task WaitUntilListeningAsync(InProcessDashboard dashboard)
    {
        var listener = dashboard.Services.GetRequiredService<LiveListener>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        while (!listener.IsListening)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }
}
