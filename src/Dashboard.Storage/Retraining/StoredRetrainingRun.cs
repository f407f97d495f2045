using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Storage.Retraining;

/// <summary>A retraining run and where it stands; its parameters and steps are JSON (read and written whole, never queried).</summary>
public sealed class StoredRetrainingRun
{
    public long Id { get; set; }
    public required string Endpoint { get; set; }
    public required string Pipeline { get; set; }
    public required string Parameters { get; set; }
    public required string FindingKind { get; set; }
    public required string Finding { get; set; }
    public required string Reason { get; set; }
    public required string Status { get; set; }
    public required string ProposedBy { get; set; }
    public long ProposedAt { get; set; }
    public string? DecidedBy { get; set; }
    public long? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }
    public long? StartRequestedAt { get; set; }
    public string? ExecutionArn { get; set; }
    public string? ExecutionStatus { get; set; }
    public long? StartedAt { get; set; }
    public long? FinishedAt { get; set; }
    public required string Steps { get; set; }
    public string? Outcome { get; set; }
    public string? ModelName { get; set; }
}

internal sealed class StoredRetrainingRunConfiguration : IEntityTypeConfiguration<StoredRetrainingRun>
{
    public void Configure(EntityTypeBuilder<StoredRetrainingRun> builder)
    {
        builder.ToTable("RetrainingRuns");
        builder.HasIndex(r => new { r.Endpoint, r.ProposedAt });
        builder.HasIndex(r => r.Status);
        builder.HasIndex(r => r.ModelName);
        // One open run per endpoint, kept by the database whoever writes (the drift rule and people alike).
        builder.HasIndex(r => r.Endpoint).IsUnique().HasFilter("\"Status\" IN ('Proposed', 'Approved', 'Running')")
            .HasDatabaseName(RetrainingStore.OpenIndex);
        builder.Property(r => r.Status).IsConcurrencyToken();
    }
}
