using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Storage.Audit;

/// <summary>One audit record; rows are only ever inserted. Times are Unix milliseconds so the hash input is exact.</summary>
public sealed class StoredAuditRecord
{
    public long Sequence { get; set; }
    public long TimeMs { get; set; }
    public required string Actor { get; set; }
    public string? RemoteAddress { get; set; }
    public required string Action { get; set; }
    public required string Target { get; set; }
    public string? Endpoint { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}

internal sealed class StoredAuditRecordConfiguration : IEntityTypeConfiguration<StoredAuditRecord>
{
    public void Configure(EntityTypeBuilder<StoredAuditRecord> builder)
    {
        builder.ToTable("AuditRecords");
        builder.HasKey(r => r.Sequence);
        builder.Property(r => r.Sequence).ValueGeneratedNever();
        // Two writers that read the same chain head would both link to it: the second insert fails instead of forking.
        builder.HasIndex(r => r.PreviousHash).IsUnique();
        builder.HasIndex(r => r.TimeMs);
        builder.HasIndex(r => new { r.Endpoint, r.TimeMs });
        builder.HasIndex(r => new { r.Actor, r.TimeMs });
    }
}
