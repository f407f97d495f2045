using Dashboard.Core.DeploymentNotices;

namespace Dashboard.Core.Tests.DeploymentNotices;

/// <summary>The notice store's contract in memory: a notice once per (deployment, key), deliveries only when asked.</summary>
internal sealed class InMemoryNoticeStore : IDeploymentNoticeStore
{
    public List<DeploymentNotice> Stored { get; } = [];

    /// <summary>The notices queued for delivery.</summary>
    public List<DeploymentNotice> Queued { get; } = [];

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
}
