using System.Threading.Channels;
using Dashboard.Core.Replicas;
using Dashboard.Core.Workers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Core.Tests.Workers;

public sealed class WorkerLeaseTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Lease_GainedLostRegained_WorkersStartStopAndStartAgain()
    {
        var leaseLock = new FakeLeaseLock();
        var worker = new TestWorker(TimeProvider.System) { Every = TimeSpan.FromMilliseconds(20) };
        var store = new FakeReplicaStore();
        var identity = new ReplicaIdentity(TimeProvider.System);
        await using var lease = new WorkerLeaseHost(new WorkerLease(leaseLock, [new LeaseGatedWorker("test", worker)], store, identity,
            TimeProvider.System, NullLogger<WorkerLease>.Instance));

        await lease.Lease.StartAsync(TestContext.Current.CancellationToken);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal(0, worker.Rounds);
        Assert.False(lease.Lease.HeldHere);

        var first = leaseLock.Grant();
        await WaitUntil(() => worker.Rounds > 0 && lease.Lease.HeldHere);
        Assert.Equal(identity.Id, lease.Lease.Holder);
        Assert.Equal(identity.Id, store.Holder);

        first.Lose();
        await WaitUntil(() => !lease.Lease.HeldHere && worker.ExecuteTask!.IsCompleted);
        var stoppedAt = worker.Rounds;
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal(stoppedAt, worker.Rounds);
        Assert.Null(store.Holder);

        leaseLock.Grant();
        await WaitUntil(() => worker.Rounds > stoppedAt && lease.Lease.HeldHere);

        await lease.Lease.StopAsync(TestContext.Current.CancellationToken);
        Assert.True(worker.ExecuteTask!.IsCompleted);
        Assert.False(lease.Lease.HeldHere);
    }

    /// <summary>A database restart: the lock's connection is gone, so releasing it throws; the gate carries on and takes
    /// the lease again once it can, instead of ending (which would stop the whole dashboard).</summary>
    [Fact]
    public async Task Lease_LostWithItsConnection_ReleaseFails_GateCarriesOnAndRegains()
    {
        var leaseLock = new FakeLeaseLock();
        var worker = new TestWorker(TimeProvider.System) { Every = TimeSpan.FromMilliseconds(20) };
        await using var lease = new WorkerLeaseHost(new WorkerLease(leaseLock, [new LeaseGatedWorker("test", worker)], new FakeReplicaStore(),
            new ReplicaIdentity(TimeProvider.System), TimeProvider.System, NullLogger<WorkerLease>.Instance));
        await lease.Lease.StartAsync(TestContext.Current.CancellationToken);

        var first = leaseLock.Grant();
        first.FailOnRelease = true;
        await WaitUntil(() => worker.Rounds > 0 && lease.Lease.HeldHere);
        first.Lose();
        await WaitUntil(() => !lease.Lease.HeldHere && worker.ExecuteTask!.IsCompleted);
        var stoppedAt = worker.Rounds;

        leaseLock.Grant();
        await WaitUntil(() => worker.Rounds > stoppedAt && lease.Lease.HeldHere);
        Assert.False(lease.Lease.ExecuteTask!.IsCompleted);
    }

    [Fact]
    public async Task Lease_HeldByAnother_HolderReadFromTheReplicasRows()
    {
        var store = new FakeReplicaStore();
        var since = DateTimeOffset.UtcNow.AddMinutes(-3);
        store.Others.Add(new Replica("other-1", "other", since, DateTimeOffset.UtcNow, since));
        await using var lease = new WorkerLeaseHost(new WorkerLease(new FakeLeaseLock(), [], store, new ReplicaIdentity(TimeProvider.System),
            TimeProvider.System, NullLogger<WorkerLease>.Instance));

        await lease.Lease.StartAsync(TestContext.Current.CancellationToken);

        await WaitUntil(() => lease.Lease.Holder == "other-1");
        Assert.False(lease.Lease.HeldHere);
        Assert.Equal(since, lease.Lease.Since);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var until = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "the condition did not hold in time");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    private sealed class WorkerLeaseHost(WorkerLease lease) : IAsyncDisposable
    {
        public WorkerLease Lease => lease;

        public async ValueTask DisposeAsync()
        {
            await lease.StopAsync(CancellationToken.None);
            lease.Dispose();
        }
    }

    /// <summary>A lease the test grants and takes away; until granted, each attempt waits a little and finds it held elsewhere.</summary>
    private sealed class FakeLeaseLock : IWorkerLeaseLock
    {
        private readonly Channel<FakeHandle> _grants = Channel.CreateUnbounded<FakeHandle>();

        public FakeHandle Grant()
        {
            var handle = new FakeHandle();
            _grants.Writer.TryWrite(handle);
            return handle;
        }

        public async Task<IWorkerLeaseHandle?> TryAcquireAsync(TimeSpan wait, CancellationToken cancellationToken)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMilliseconds(20));
            try
            {
                return await _grants.Reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null;
            }
        }
    }

    private sealed class FakeHandle : IWorkerLeaseHandle
    {
        private readonly CancellationTokenSource _lost = new();

        public CancellationToken Lost => _lost.Token;

        public void Lose() => _lost.Cancel();

        /// <summary>Releasing throws, as it does when the lock's connection is gone.</summary>
        public bool FailOnRelease { get; set; }

        public ValueTask DisposeAsync()
        {
            _lost.Dispose();
            return FailOnRelease
                ? ValueTask.FromException(new InvalidOperationException("Connection is not open"))
                : ValueTask.CompletedTask;
        }
    }

    private sealed class FakeReplicaStore : IReplicaStore
    {
        private volatile string? _holder;

        public string? Holder => _holder;

        public List<Replica> Others { get; } = [];

        public Task BeatAsync(ReplicaIdentity replica, DateTimeOffset seenAt, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task ClaimLeaseAsync(ReplicaIdentity replica, DateTimeOffset since, CancellationToken cancellationToken = default)
        {
            _holder = replica.Id;
            return Task.CompletedTask;
        }

        public Task ReleaseLeaseAsync(ReplicaIdentity replica, CancellationToken cancellationToken = default)
        {
            _holder = null;
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<Replica>> ListAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<Replica>>(Others.ToList());

        public Task<int> ForgetAsync(DateTimeOffset before, CancellationToken cancellationToken = default) => Task.FromResult(0);
    }
}
