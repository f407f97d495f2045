using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Storage.Replicas;

/// <summary>One dashboard process's heartbeat row; times in Unix seconds.</summary>
public sealed class StoredReplica
{
    public required string Id { get; set; }
    public required string Host { get; set; }
    public long StartedAt { get; set; }
    public long SeenAt { get; set; }
    public long? HoldsLeaseSince { get; set; }
}

internal sealed class StoredReplicaConfiguration : IEntityTypeConfiguration<StoredReplica>
{
    public void Configure(EntityTypeBuilder<StoredReplica> builder)
    {
        builder.ToTable("Replicas");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasMaxLength(200);
        builder.Property(r => r.Host).HasMaxLength(200);
    }
}
