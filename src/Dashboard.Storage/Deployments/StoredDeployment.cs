using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Storage.Deployments;

/// <summary>A deployment and where it stands; <see cref="Plan"/> is the plan as JSON, its steps are rows of their own.</summary>
public sealed class StoredDeployment
{
    public long Id { get; set; }
    public required string Endpoint { get; set; }
    public required string Status { get; set; }
    public required string Strategy { get; set; }
    public required string Plan { get; set; }
    public required string Reason { get; set; }
    public required string ProposedBy { get; set; }
    public long ProposedAt { get; set; }
    public bool StartedOutside { get; set; }
    public string? DecidedBy { get; set; }
    public long? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }
    public string? OldConfig { get; set; }
    public string? NewConfig { get; set; }
    public long? ConfigCreatedAt { get; set; }
    public long? UpdateRequestedAt { get; set; }
    public long? StartedAt { get; set; }
    public long? FinishedAt { get; set; }
    public string? Outcome { get; set; }
    public string? AbortAlarm { get; set; }
    public long? AlarmsDeletedAt { get; set; }
    public string? AbortedBy { get; set; }
    public long? AbortedAt { get; set; }
    public List<StoredDeploymentStep> Steps { get; set; } = [];
}

/// <summary>One step of a deployment's timeline.</summary>
public sealed class StoredDeploymentStep
{
    public long DeploymentId { get; set; }
    public int Index { get; set; }
    public required string Name { get; set; }
    public double Share { get; set; }
    public int HoldSeconds { get; set; }
    public required string State { get; set; }
    public long? StartedAt { get; set; }
    public long? EndedAt { get; set; }
    public string? Note { get; set; }
}

internal sealed class StoredDeploymentConfiguration : IEntityTypeConfiguration<StoredDeployment>
{
    public void Configure(EntityTypeBuilder<StoredDeployment> builder)
    {
        builder.ToTable("Deployments");
        builder.HasIndex(d => new { d.Endpoint, d.ProposedAt });
        builder.HasIndex(d => d.Status);
        // One open deployment per endpoint, kept by the database whoever writes (see DeploymentStore.OpenIndex).
        builder.HasIndex(d => d.Endpoint).IsUnique().HasFilter("\"Status\" IN ('Proposed', 'Approved', 'Deploying', 'RollingBack')")
            .HasDatabaseName(DeploymentStore.OpenIndex);
        builder.Property(d => d.Status).IsConcurrencyToken();
        builder.HasMany(d => d.Steps).WithOne().HasForeignKey(s => s.DeploymentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StoredDeploymentStepConfiguration : IEntityTypeConfiguration<StoredDeploymentStep>
{
    public void Configure(EntityTypeBuilder<StoredDeploymentStep> builder)
    {
        builder.ToTable("DeploymentSteps");
        builder.HasKey(s => new { s.DeploymentId, s.Index });
    }
}
