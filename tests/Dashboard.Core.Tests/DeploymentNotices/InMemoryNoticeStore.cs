using Dashboard.Core.DeploymentNotices;
using Dashboard.Core.Notifications;

namespace Dashboard.Core.Tests.DeploymentNotices;

/// <summary>The notice store's contract in memory: a notice once per (deployment, key), deliveries only when asked.</summary>
internal sealed class InMemoryNoticeStore : IDeploymentNoticeStore
{
    public List<DeploymentNotice> Stored { get; } = [];

    /// <summary>The notices queued for delivery (one per notice: the tests have one webhook).</summary>
    public List<DeploymentNotice> Queued { get; } = [];

    /// <summary>The webhook every queued notice goes to.</summary>
    public Webhook Webhook { get; } = new(1, "ops", "https://hooks.slack.com/services/T/B/secret", WebhookFormat.Slack, true);

    /// <summary>Attempts recorded per delivery id (a queued notice's index in <see cref="Queued"/> plus one).</summary>
    public Dictionary<long, List<DeliveryAttempt>> Attempts { get; } = [];

    public long? Watermark { get; set; }

    public Task<long?> WatermarkAsync(CancellationToken cancellationToken = default) => Task.FromResult(Watermark);

    public Task<IReadOnlyList<DeploymentNotice>> RecordAsync(IReadOnlyList<DeploymentNotice> notices, long watermark, bool deliver,
        CancellationToken cancellationToken = default)
    {
        var added = notices.Where(n => !Stored.Any(s => s.DeploymentId == n.DeploymentId && s.Key == n.Key))
            .DistinctBy(n => (n.DeploymentId, n.Key)).Select((n, i) => n with { Id = Stored.Count + i + 1 }).ToList();
        Stored.AddRange(added);
        if (deliver)
        {
            Queued.AddRange(added);
        }
        Watermark = watermark;
        return Task.FromResult<IReadOnlyList<DeploymentNotice>>(added);
    }

    public Task<IReadOnlyList<DeploymentNotice>> RecentAsync(int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<DeploymentNotice>>(Stored.OrderByDescending(n => n.Time).Take(limit).ToList());

    public Task<IReadOnlyList<DueNoticeDelivery>> DueAsync(long now, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<DueNoticeDelivery>>(Queued.Select((n, i) => (Id: i + 1L, Notice: n))
            .Where(d => Attempts.GetValueOrDefault(d.Id) is not { } tried || (tried[^1].Status == DeliveryStatus.Pending && tried[^1].NextAttemptAt <= now))
            .Take(limit).Select(d => new DueNoticeDelivery(d.Id, Webhook, d.Notice, Attempts.GetValueOrDefault(d.Id)?.Count ?? 0)).ToList());

    public Task RecordAttemptAsync(long deliveryId, DeliveryAttempt attempt, CancellationToken cancellationToken = default)
    {
        (Attempts.TryGetValue(deliveryId, out var tried) ? tried : Attempts[deliveryId] = []).Add(attempt);
        return Task.CompletedTask;
    }
}
