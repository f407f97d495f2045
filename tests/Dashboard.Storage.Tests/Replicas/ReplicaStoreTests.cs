using Dashboard.Core.Replicas;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Storage.Tests.Replicas;

public class ReplicaStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BeatAndClaimAtOnce_OnANewReplica_BothSucceedAndLeaveOneRowHoldingTheLease()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = db.Services.GetRequiredService<IReplicaStore>();
        var now = DateTimeOffset.FromUnixTimeSeconds(1_780_000_000);
        for (var round = 0; round < 10; round++)
        {
            var replica = new ReplicaIdentity(TimeProvider.System);

            // The heartbeat and the lease claim both find the row missing; neither may fail (nor log a refused insert).
            await Task.WhenAll(store.BeatAsync(replica, now, Ct), store.ClaimLeaseAsync(replica, now, Ct));

            var row = Assert.Single(await store.ListAsync(Ct), r => r.Id == replica.Id);
            Assert.Equal(now, row.HoldsLeaseSince);
        }
        Assert.Equal(10, await db.ScalarAsync("SELECT count(*) FROM Replicas"));
    }
}
