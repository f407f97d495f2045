using Dashboard.Core.Notifications;
using Dashboard.Storage.DeploymentNotices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Storage.Alarms;

/// <summary>
/// A time when an alarm's or an endpoint's notifications are muted (evaluation continues). One-off when
/// <see cref="Days"/> is 0: [StartsAt, EndsAt). Recurring otherwise: on the given UTC weekdays (bit 0 = Sunday) from
/// <see cref="StartMinute"/> past midnight for <see cref="DurationMinutes"/>, between StartsAt and EndsAt (null: forever).
/// </summary>
public sealed class StoredMuteWindow
{
    public long Id { get; set; }
    public string? AlarmName { get; set; }
    public string? Endpoint { get; set; }
    public long StartsAt { get; set; }
    public long? EndsAt { get; set; }
    public int Days { get; set; }
    public int StartMinute { get; set; }
    public int DurationMinutes { get; set; }
    public required string Reason { get; set; }
    public required string CreatedBy { get; set; }
    public long CreatedAt { get; set; }
}

/// <summary>A webhook that receives state changes. The URL often carries a token, so it is never shown or logged whole.</summary>
public sealed class StoredWebhook
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string Url { get; set; }
    public required string Format { get; set; }
    public bool Enabled { get; set; } = true;
    public required string CreatedBy { get; set; }
    public long CreatedAt { get; set; }
}

/// <summary>
/// One thing to deliver to one webhook, with its attempts; the delivery log. <see cref="Kind"/> says what: an alarm's state
/// change (<see cref="TransitionId"/>) or a deployment notice (<see cref="NoticeId"/>); the other id is null.
/// </summary>
public sealed class StoredDelivery
{
    public long Id { get; set; }
    public long WebhookId { get; set; }
    public required string Kind { get; set; }
    public long? TransitionId { get; set; }
    public long? NoticeId { get; set; }
    public required string Status { get; set; }
    public int Attempts { get; set; }
    public long CreatedAt { get; set; }
    public long NextAttemptAt { get; set; }
    public long? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }

    /// <summary>A delivery of an alarm's transition, due now.</summary>
    public static StoredDelivery OfTransition(long webhookId, long transitionId, long now) =>
        Queued(webhookId, DeliveryKind.Alarm, transitionId, null, now);

    /// <summary>A delivery of a deployment notice, due now.</summary>
    public static StoredDelivery OfNotice(long webhookId, long noticeId, long now) =>
        Queued(webhookId, DeliveryKind.Deployment, null, noticeId, now);

    private static StoredDelivery Queued(long webhookId, DeliveryKind kind, long? transitionId, long? noticeId, long now) => new()
    {
        WebhookId = webhookId,
        Kind = kind.ToString(),
        TransitionId = transitionId,
        NoticeId = noticeId,
        Status = nameof(DeliveryStatus.Pending),
        CreatedAt = now,
        NextAttemptAt = now,
    };
}

internal sealed class StoredNotificationConfiguration :
    IEntityTypeConfiguration<StoredMuteWindow>, IEntityTypeConfiguration<StoredWebhook>, IEntityTypeConfiguration<StoredDelivery>
{
    public void Configure(EntityTypeBuilder<StoredMuteWindow> builder) => builder.ToTable("MuteWindows");

    public void Configure(EntityTypeBuilder<StoredWebhook> builder)
    {
        builder.ToTable("Webhooks");
        builder.HasIndex(w => w.Name).IsUnique();
    }

    public void Configure(EntityTypeBuilder<StoredDelivery> builder)
    {
        builder.ToTable("Deliveries", table => table.HasCheckConstraint("CK_Deliveries_Subject",
            "(\"Kind\" = 'Alarm' AND \"TransitionId\" IS NOT NULL AND \"NoticeId\" IS NULL) OR (\"Kind\" = 'Deployment' AND \"NoticeId\" IS NOT NULL AND \"TransitionId\" IS NULL)"));
        builder.HasOne<StoredWebhook>().WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<StoredAlarmTransition>().WithMany().HasForeignKey(d => d.TransitionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<StoredDeploymentNotice>().WithMany().HasForeignKey(d => d.NoticeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
    }
}
