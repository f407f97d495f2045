using Dashboard.Core.Notifications;

namespace Dashboard.Core.DeploymentNotices;

/// <summary>
/// The deployment notices told so far, their webhook deliveries, and the notifier's watermark: the lowest deployment id
/// that may still change. A notice, its deliveries and the new watermark are stored together, so after a restart no
/// notice is told twice and none is skipped.
/// </summary>
public interface IDeploymentNoticeStore
{
    /// <summary>The lowest deployment id the notifier still reads; null before its first round.</summary>
    Task<long?> WatermarkAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the notices not stored before (by deployment and key) and moves the watermark to <paramref name="watermark"/>;
    /// with <paramref name="deliver"/>, queues one delivery per enabled webhook for each. Returns the notices stored now.
    /// </summary>
    Task<IReadOnlyList<DeploymentNotice>> RecordAsync(IReadOnlyList<DeploymentNotice> notices, long watermark, bool deliver,
        CancellationToken cancellationToken = default);

    /// <summary>The newest notices, newest first.</summary>
    Task<IReadOnlyList<DeploymentNotice>> RecentAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Pending deliveries of enabled webhooks due at <paramref name="now"/> (Unix seconds), oldest first.</summary>
    Task<IReadOnlyList<DueNoticeDelivery>> DueAsync(long now, int limit, CancellationToken cancellationToken = default);

    Task RecordAttemptAsync(long deliveryId, DeliveryAttempt attempt, CancellationToken cancellationToken = default);
}

/// <summary>A queued delivery of a deployment notice; <paramref name="Attempts"/> counts attempts made so far.</summary>
public sealed record DueNoticeDelivery(long Id, Webhook Webhook, DeploymentNotice Notice, int Attempts);
