using Bunit;
using Dashboard.Core.Replicas;
using Dashboard.Core.Workers;
using Dashboard.Web.Connection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Web.Tests.Connection;

public sealed class ReplicasCardTests : DashboardTestContext
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly FakeTimeProvider Clock = new(Now);
    private static readonly ReplicaIdentity Here = new(Clock);

    private readonly Store _store;
    private readonly LeaseState _lease;

    public ReplicasCardTests()
        : this(new Store(), new LeaseState())
    {
    }

    private ReplicasCardTests(Store store, LeaseState lease)
        : base(services => services
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton<IReplicaStore>(store)
            .AddSingleton<IWorkerLeaseState>(lease)
            .AddSingleton(Here))
    {
        _store = store;
        _lease = lease;
    }

    [Fact]
    public void Card_AnotherHoldsTheLease_ListsEachReplicaThisOneMarkedAndTheHolderSince()
    {
        var since = Now.AddMinutes(-30);
        _store.Rows =
        [
            new Replica("db-host-7-ab12cd", "db-host", Now.AddHours(-1), Now.AddSeconds(-5), since),
            new Replica(Here.Id, Here.Host, Now.AddMinutes(-40), Now.AddSeconds(-3), null),
            new Replica("old-1-000000", "old", Now.AddDays(-1), Now.AddMinutes(-10), null),
        ];
        _lease.Set(false, "db-host-7-ab12cd", since);

        var card = Render<ReplicasCard>();

        var rows = card.FindAll("[data-testid=replica-row]");
        Assert.Equal(3, rows.Count);
        Assert.Contains("holds it since 7 Dec 11:30:00 UTC", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("(this one)", rows[1].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("(this one)", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("gone (last seen 7 Dec 11:50:00 UTC)", rows[2].TextContent, StringComparison.Ordinal);
        Assert.Contains("Replica db-host-7-ab12cd holds the worker lease since 7 Dec 11:30:00 UTC",
            card.Find("[data-testid=lease-summary]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Card_SingleProcessBeforeItsFirstHeartbeat_ShowsThisOneHoldingTheLease()
    {
        _lease.Set(true, Here.Id, Now.AddMinutes(-1));

        var card = Render<ReplicasCard>();

        var row = Assert.Single(card.FindAll("[data-testid=replica-row]"));
        Assert.Contains("(this one)", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("holds it since 7 Dec 11:59:00 UTC", row.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("This replica holds the worker lease", card.Find("[data-testid=lease-summary]").TextContent, StringComparison.Ordinal);
    }

    private sealed class LeaseState : IWorkerLeaseState
    {
        public bool HeldHere { get; private set; }

        public string? Holder { get; private set; }

        public DateTimeOffset? Since { get; private set; }

        public void Set(bool heldHere, string? holder, DateTimeOffset? since) => (HeldHere, Holder, Since) = (heldHere, holder, since);
    }

    private sealed class Store : IReplicaStore
    {
        public IReadOnlyList<Replica> Rows { get; set; } = [];

        public Task BeatAsync(ReplicaIdentity replica, DateTimeOffset seenAt, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task ClaimLeaseAsync(ReplicaIdentity replica, DateTimeOffset since, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task ReleaseLeaseAsync(ReplicaIdentity replica, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<IReadOnlyList<Replica>> ListAsync(CancellationToken cancellationToken = default) => Task.FromResult(Rows);

        public Task<int> ForgetAsync(DateTimeOffset before, CancellationToken cancellationToken = default) => Task.FromResult(0);
    }
}
