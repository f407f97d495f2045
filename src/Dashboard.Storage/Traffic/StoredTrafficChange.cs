using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Storage.Traffic;

/// <summary>
/// A proposed change of an endpoint's variant weights and what became of it (four eyes: the person who decides is not
/// the one who proposed). <see cref="Weights"/> and <see cref="Before"/> are JSON lists of variant name and weight.
/// </summary>
public sealed class StoredTrafficChange
{
    public long Id { get; set; }
    public required string Endpoint { get; set; }
    public required string Weights { get; set; }
    public string? Before { get; set; }
    public required string Reason { get; set; }
    public required string Status { get; set; }
    public required string ProposedBy { get; set; }
    public long ProposedAt { get; set; }
    public string? DecidedBy { get; set; }
    public long? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }
    public long? AppliedAt { get; set; }
    public string? Error { get; set; }
}

internal sealed class StoredTrafficChangeConfiguration : IEntityTypeConfiguration<StoredTrafficChange>
{
    public void Configure(EntityTypeBuilder<StoredTrafficChange> builder)
    {
        builder.ToTable("TrafficChanges");
        builder.HasIndex(c => new { c.Endpoint, c.ProposedAt });
        builder.HasIndex(c => c.Status);
        // One open change per endpoint, kept by the database whoever writes the row (see TrafficChangeStore.OpenIndex).
        builder.HasIndex(c => c.Endpoint).IsUnique().HasFilter("\"Status\" IN ('Proposed', 'Applying')")
            .HasDatabaseName(TrafficChangeStore.OpenIndex);
        // A move updates the row only while it is still in the status it was read in (UPDATE … WHERE Status = @read).
        builder.Property(c => c.Status).IsConcurrencyToken();
    }
}
