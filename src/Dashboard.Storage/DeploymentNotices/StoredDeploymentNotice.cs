using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Storage.DeploymentNotices;

/// <summary>
/// A deployment's or retraining run's notice as told; (Subject, DeploymentId, Key) is unique, which is what keeps a notice
/// from being told twice. A retraining notice holds the run's id in <see cref="DeploymentId"/>.
/// </summary>
public sealed class StoredDeploymentNotice
{
    public long Id { get; set; }
    public string Subject { get; set; } = "Deployment";
    public long DeploymentId { get; set; }
    public required string Endpoint { get; set; }
    public required string Key { get; set; }
    public required string Kind { get; set; }
    public long Time { get; set; }
    public required string Headline { get; set; }
    public string? Detail { get; set; }
}

/// <summary>A named position of a worker that must survive restarts (the deployment notifier's lowest deployment id).</summary>
public sealed class StoredWatermark
{
    public required string Name { get; set; }
    public long Value { get; set; }
}

internal sealed class StoredDeploymentNoticeConfiguration :
    IEntityTypeConfiguration<StoredDeploymentNotice>, IEntityTypeConfiguration<StoredWatermark>
{
    public void Configure(EntityTypeBuilder<StoredDeploymentNotice> builder)
    {
        builder.ToTable("DeploymentNotices");
        builder.HasIndex(n => new { n.Subject, n.DeploymentId, n.Key }).IsUnique();
        builder.Property(n => n.Subject).HasDefaultValue("Deployment");
        builder.HasIndex(n => n.Time);
    }

    public void Configure(EntityTypeBuilder<StoredWatermark> builder)
    {
        builder.ToTable("Watermarks");
        builder.HasKey(w => w.Name);
    }
}
