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

/// <summary>One state change to deliver to one webhook, with its attempts; the delivery log.</summary>
public sealed class StoredDelivery
{
    public long Id { get; set; }
    public long WebhookId { get; set; }
    public long TransitionId { get; set; }
    public required string Status { get; set; }
    public int Attempts { get; set; }
    public long CreatedAt { get; set; }
    public long NextAttemptAt { get; set; }
    public long? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
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
        builder.ToTable("Deliveries");
        builder.HasOne<StoredWebhook>().WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<StoredAlarmTransition>().WithMany().HasForeignKey(d => d.TransitionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
    }
}
