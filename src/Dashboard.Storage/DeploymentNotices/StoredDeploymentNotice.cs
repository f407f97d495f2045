using Dashboard.Storage.Alarms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Storage.DeploymentNotices;

/// <summary>A deployment notice as told; (DeploymentId, Key) is unique, which is what keeps a notice from being told twice.</summary>
public sealed class StoredDeploymentNotice
{
    public long Id { get; set; }
    public long DeploymentId { get; set; }
    public required string Endpoint { get; set; }
    public required string Key { get; set; }
    public required string Kind { get; set; }
    public long Time { get; set; }
    public required string Headline { get; set; }
    public string? Detail { get; set; }
}

/// <summary>One webhook's delivery of a deployment notice (the alarm deliveries' columns).</summary>
public sealed class StoredNoticeDelivery
{
    public long Id { get; set; }
    public long WebhookId { get; set; }
    public long NoticeId { get; set; }
    public required string Status { get; set; }
    public int Attempts { get; set; }
    public long CreatedAt { get; set; }
    public long NextAttemptAt { get; set; }
    public long? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
}

/// <summary>A named position of a worker that must survive restarts (the deployment notifier's lowest deployment id).</summary>
public sealed class StoredWatermark
{
    public required string Name { get; set; }
    public long Value { get; set; }
}

internal sealed class StoredDeploymentNoticeConfiguration :
    IEntityTypeConfiguration<StoredDeploymentNotice>, IEntityTypeConfiguration<StoredNoticeDelivery>, IEntityTypeConfiguration<StoredWatermark>
{
    public void Configure(EntityTypeBuilder<StoredDeploymentNotice> builder)
    {
        builder.ToTable("DeploymentNotices");
        builder.HasIndex(n => new { n.DeploymentId, n.Key }).IsUnique();
        builder.HasIndex(n => n.Time);
    }

    public void Configure(EntityTypeBuilder<StoredNoticeDelivery> builder)
    {
        builder.ToTable("DeploymentNoticeDeliveries");
        builder.HasOne<StoredWebhook>().WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<StoredDeploymentNotice>().WithMany().HasForeignKey(d => d.NoticeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
    }

    public void Configure(EntityTypeBuilder<StoredWatermark> builder)
    {
        builder.ToTable("Watermarks");
        builder.HasKey(w => w.Name);
    }
}
