namespace Dashboard.Core.DeploymentNotices;

/// <summary>
/// The deployment notices told so far and the notifier's watermark: the lowest deployment id that may still change. Their
/// webhook deliveries join the alarm deliveries' queue (IWebhookStore), sent and retried by the one dispatcher. A notice, its deliveries and the new watermark are stored together, so after a restart no
/// notice is told twice and none is skipped.
/// </summary>
public interface IDeploymentNoticeStore
{
    /// <summary>The lowest deployment id the notifier still reads; null before its first round.</summary>
    Task<long?> WatermarkAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the notices not stored before (by deployment and key) and moves the watermark to <paramref name="watermark"/>;
    /// with <paramref name="deliver"/>, queues one delivery per enabled webhook for each in the webhooks' delivery queue.
    /// Returns the notices stored now.
    /// </summary>
    Task<IReadOnlyList<DeploymentNotice>> RecordAsync(IReadOnlyList<DeploymentNotice> notices, long watermark, bool deliver,
        CancellationToken cancellationToken = default);

    /// <summary>The newest notices, newest first.</summary>
    Task<IReadOnlyList<DeploymentNotice>> RecentAsync(int limit, CancellationToken cancellationToken = default);
}
