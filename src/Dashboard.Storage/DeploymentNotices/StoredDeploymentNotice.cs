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
        builder.HasIndex(n => new { n.DeploymentId, n.Key }).IsUnique();
        builder.HasIndex(n => n.Time);
    }

    public void Configure(EntityTypeBuilder<StoredWatermark> builder)
    {
        builder.ToTable("Watermarks");
        builder.HasKey(w => w.Name);
    }
}
