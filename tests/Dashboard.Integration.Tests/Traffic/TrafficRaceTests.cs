using Dashboard.Core.Audit;
using Dashboard.Core.Fleet;
using Dashboard.Core.Live;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Dashboard.Core.Storage;
using Dashboard.Core.Traffic;
using Dashboard.Storage.Startup;
using Dashboard.Tests.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Integration.Tests.Traffic;

/// <summary>
/// Two dashboard replicas on one database (two service containers, two connection pools), acting on one endpoint at
/// the same moment: one proposal is stored, one approval wins, and SageMaker is asked once.
/// </summary>
public sealed class TrafficRaceTests : IAsyncLifetime
{
    private const string Endpoint = "pricing-ab";
    private const int Rounds = 6;

    private static readonly Actor Erin = new("erin", new HashSet<Role> { Role.Engineer });
    private static readonly IReadOnlyList<VariantWeight> Weights = [new("VariantA", 0.5), new("VariantB", 0.5)];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-traffic-race-" + Guid.NewGuid().ToString("N"));
    private readonly FakeSageMakerClient _sageMaker = new();
    private readonly List<ServiceProvider> _replicas = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        for (var i = 0; i < 2; i++)
        {
            var services = new ServiceCollection()
                .AddSingleton(TimeProvider.System)
                .AddSingleton<LiveStore>()
                .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
                .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
                .AddSingleton<ISageMakerClient>(_sageMaker)
                .AddSingleton<TrafficService>();
            services.AddDashboardStorage(Path.Combine(_folder, "dashboard.db"));
            var provider = services.BuildServiceProvider();
            await provider.InitializeDashboardStorageAsync(Ct);
            _replicas.Add(provider);
        }
        await _replicas[0].GetRequiredService<IFleetStore>().SaveAsync([new EndpointState(Endpoint, "arn:aws:sagemaker:us-east-1:123456789012:endpoint/pricing-ab",
            EndpointStatuses.InService, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null,
            [new VariantState("VariantA", "ml.m5.large", 1, 1, 0.8, 0.8), new VariantState("VariantB", "ml.m5.large", 1, 1, 0.2, 0.2)],
            DateTimeOffset.UnixEpoch)], Ct);
    }

    private TrafficService Traffic(int replica) => _replicas[replica].GetRequiredService<TrafficService>();

    [Fact]
    public async Task Propose_TwoReplicasAtOnce_OneProposalStoredAndTheOtherToldAtTheEndpointField()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var results = await AtOnceAsync(i => Traffic(i).ProposeAsync(Erin with { UserName = $"engineer{i}" }, Endpoint, Weights, "B converts", Ct));

            var stored = Assert.Single(results, r => r.Change is not null);
            var refused = Assert.Single(results, r => r.Change is null);
            Assert.Equal(TrafficService.EndpointField, Assert.Single(refused.Errors).Field);
            await Traffic(0).WithdrawAsync(new Actor(stored.Change!.ProposedBy, Erin.Roles), stored.Change.Id, null, Ct);
        }
    }

    [Fact]
    public async Task Approve_TwoOperatorsOnTwoReplicasAtOnce_OneWinsAndSageMakerIsAskedOnce()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var proposal = await Traffic(0).ProposeAsync(Erin, Endpoint, Weights, "B converts", Ct);
            var id = proposal.Change!.Id;
            var calls = _sageMaker.Updates.Count;

            var results = await AtOnceAsync<TrafficChange?>(async i =>
            {
                try
                {
                    return await Traffic(i).ApproveAsync(new Actor($"op{i}", new HashSet<Role> { Role.Operator }), id, null, Ct);
                }
                catch (TrafficConflictException e)
                {
                    Assert.Contains($"Traffic change #{id} was already", e.Message);
                    return null;
                }
            });

            var applied = Assert.Single(results, r => r is not null)!;
            Assert.Equal(TrafficChangeStatus.Applying, applied.Status);
            Assert.Equal(calls + 1, _sageMaker.Updates.Count);
            // The endpoint serves the new split; settling closes the change so the next round can propose.
            var serving = (await _replicas[0].GetRequiredService<IFleetStore>().FindAsync(Endpoint, Ct))!;
            var settled = await Traffic(1).SettleAsync([serving with { Variants = serving.Variants.Select(v => v with { CurrentWeight = 0.5 }).ToList() }], Ct);
            Assert.Equal(TrafficChangeStatus.Applied, Assert.Single(settled).Status);
        }
        var records = await _replicas[0].GetRequiredService<IAuditQueries>().SearchAsync(AuditFilter.None, 1000, cancellationToken: Ct);
        Assert.Equal(Rounds, records.Count(r => r.Action == AuditActions.TrafficApprove));
    }

    /// <summary>Runs <paramref name="act"/> on both replicas, released together.</summary>
    private static async Task<T[]> AtOnceAsync<T>(Func<int, Task<T>> act)
    {
        using var start = new Barrier(2);
        return await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
        {
            start.SignalAndWait(Ct);
            return await act(i);
        }, Ct)));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
