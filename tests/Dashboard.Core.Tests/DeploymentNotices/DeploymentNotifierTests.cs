using Dashboard.Core.Deployments;
using Dashboard.Core.DeploymentNotices;
using Dashboard.Core.Live;
using Dashboard.Core.Notifications;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Dashboard.Core.Tests.DeploymentNotices.DeploymentSamples;

namespace Dashboard.Core.Tests.DeploymentNotices;

public sealed class DeploymentNotifierTests
{
    private readonly FakeDeploymentStore _deployments = new();
    private readonly InMemoryNoticeStore _notices = new();
    private readonly FakeTimeProvider _time = new(Start.AddHours(1));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DeploymentNotifier Notifier() =>
        new(_deployments, _notices, new DeliverySignal(), new LiveStore(_time), Options.Create(new NotificationOptions()), _time,
            NullLogger<DeploymentNotifier>.Instance);

    /// <summary>One round; the keys queued for webhooks by it.</summary>
    private async Task<IReadOnlyList<string>> RoundAsync(DeploymentNotifier notifier)
    {
        var before = _notices.Queued.Count;
        await notifier.RunOnceAsync(Ct);
        Assert.Equal(0, notifier.ConsecutiveFailures);
        return _notices.Queued.Skip(before).Select(n => $"#{n.DeploymentId} {n.Key}").ToList();
    }

    [Fact]
    public async Task FirstRoundEver_RecordsWhatIsThereWithoutSendingIt()
    {
        _deployments.Put(Finished(DeploymentStatus.Succeeded, "done", id: 1));
        _deployments.Put(Deploying(1, id: 2) with { Plan = Proposed(endpoint: "fraud").Plan });

        Assert.Empty(await RoundAsync(Notifier()));
        Assert.Equal(6, _notices.Stored.Count);
        Assert.Equal(2, _notices.Watermark);
    }

    [Fact]
    public async Task EveryChange_IsQueuedOnceInTheRoundAfterIt()
    {
        var notifier = Notifier();
        await RoundAsync(notifier);

        _deployments.Put(Proposed());
        Assert.Equal(["#3 proposed"], await RoundAsync(notifier));
        Assert.Empty(await RoundAsync(notifier));
        _deployments.Put(Approved());
        Assert.Equal(["#3 approved"], await RoundAsync(notifier));
        _deployments.Put(Deploying(0));
        Assert.Empty(await RoundAsync(notifier));
        _deployments.Put(Deploying(1));
        Assert.Equal(["#3 step:1"], await RoundAsync(notifier));
        _deployments.Put(Deploying(2));
        Assert.Equal(["#3 step:2"], await RoundAsync(notifier));
        _deployments.Put(Finished(DeploymentStatus.RolledBack, "churn-prod-AllTraffic-5xx-rate went to ALARM"));
        Assert.Equal(["#3 final"], await RoundAsync(notifier));
        Assert.Empty(await RoundAsync(notifier));
        Assert.Equal("Deployment #3 on churn-prod rolled back", _notices.Queued[^1].Headline);
    }

    [Fact]
    public async Task ChangesBetweenRounds_AllQueuedInOrder()
    {
        var notifier = Notifier();
        await RoundAsync(notifier);

        _deployments.Put(Deploying(2));

        Assert.Equal(["#3 proposed", "#3 approved", "#3 step:1", "#3 step:2"], await RoundAsync(notifier));
    }

    [Fact]
    public async Task Restart_NothingQueuedTwiceAndWhatHappenedMeanwhileQueuedOnce()
    {
        await RoundAsync(Notifier());
        _deployments.Put(Deploying(1));
        Assert.Equal(["#3 proposed", "#3 approved", "#3 step:1"], await RoundAsync(Notifier()));

        // A new process: a new notifier over the same stores.
        var restarted = Notifier();
        Assert.Empty(await RoundAsync(restarted));
        _deployments.Put(Finished(DeploymentStatus.Succeeded, "churn-prod-20261207120500 serves all traffic."));
        Assert.Equal(["#3 final"], await RoundAsync(Notifier()));
        Assert.Equal(4, _notices.Queued.DistinctBy(n => (n.DeploymentId, n.Key)).Count());
    }

    [Fact]
    public async Task Watermark_StaysAtTheOldestOpenDeploymentAndPassesFinishedOnes()
    {
        var notifier = Notifier();
        await RoundAsync(notifier);
        _deployments.Put(Finished(DeploymentStatus.Succeeded, "done", id: 1));
        _deployments.Put(Proposed(id: 2, endpoint: "fraud"));
        _deployments.Put(Finished(DeploymentStatus.Failed, "no", id: 3));

        await RoundAsync(notifier);
        Assert.Equal(2, _notices.Watermark);

        _deployments.Put(Proposed(id: 2, endpoint: "fraud") with { Status = DeploymentStatus.Withdrawn, DecidedBy = "erin", FinishedAt = Start });
        Assert.Equal(["#2 final"], await RoundAsync(notifier));
        Assert.Equal(4, _notices.Watermark);
    }

    [Fact]
    public async Task WaitingForApproval_QueuedOnceWhileItWaits()
    {
        var notifier = Notifier();
        await RoundAsync(notifier);
        var deploying = Deploying(1);
        _deployments.Put(deploying);
        await RoundAsync(notifier);

        _deployments.Put(deploying with { Steps = deploying.Steps.Select(s => s.Index == 1 ? s with { State = StepState.WaitingForApproval } : s).ToList() });
        Assert.Equal(["#3 waiting:1"], await RoundAsync(notifier));
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Empty(await RoundAsync(notifier));
    }
}
