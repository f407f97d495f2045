using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Storage.Alarms;

/// <summary>
/// An alarm definition. The definition itself is one JSON document (it has kind-specific parts and grows with CloudWatch's
/// options); the columns beside it are what lists filter and sort on.
/// </summary>
public sealed class StoredAlarm
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string Kind { get; set; }
    public string? Endpoint { get; set; }
    public required string Definition { get; set; }
    public required string CreatedBy { get; set; }
    public long CreatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public long UpdatedAt { get; set; }
    public StoredAlarmState? State { get; set; }
}

/// <summary>The alarm's current state, the newest evaluation (for Explain) and, when mirrored, CloudWatch's own state.</summary>
public sealed class StoredAlarmState
{
    public long AlarmId { get; set; }
    public required string State { get; set; }
    public long Since { get; set; }
    public required string Reason { get; set; }

    /// <summary>End of the newest period evaluated (Unix seconds): evaluating the same minute again changes nothing.</summary>
    public long EvaluatedAsOf { get; set; }

    public string? Evaluation { get; set; }
    public string? CloudWatchState { get; set; }
    public string? CloudWatchReason { get; set; }
    public long? CloudWatchCheckedAt { get; set; }

    /// <summary>When CloudWatch last changed the mirrored alarm's state (its StateUpdatedTimestamp, Unix seconds).</summary>
    public long? CloudWatchSince { get; set; }
    public string? MirrorError { get; set; }
}

/// <summary>A state change, kept as long as the metric history; <see cref="Evaluation"/> is the full explanation (JSON).</summary>
public sealed class StoredAlarmTransition
{
    public long Id { get; set; }
    public long? AlarmId { get; set; }
    public required string AlarmName { get; set; }
    public string? Endpoint { get; set; }
    public long Time { get; set; }
    public required string OldState { get; set; }
    public required string NewState { get; set; }
    public required string Reason { get; set; }
    public string? Evaluation { get; set; }

    /// <summary>Why no notification was sent (a mute window, actions disabled), or null when notifications went out.</summary>
    public string? MutedBy { get; set; }
}

internal sealed class StoredAlarmConfiguration :
    IEntityTypeConfiguration<StoredAlarm>, IEntityTypeConfiguration<StoredAlarmState>, IEntityTypeConfiguration<StoredAlarmTransition>
{
    public void Configure(EntityTypeBuilder<StoredAlarm> builder)
    {
        builder.ToTable("Alarms");
        builder.HasIndex(a => a.Name).IsUnique();
        builder.HasIndex(a => a.Endpoint);
        builder.HasOne(a => a.State).WithOne().HasForeignKey<StoredAlarmState>(s => s.AlarmId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<StoredAlarmState> builder)
    {
        builder.ToTable("AlarmStates");
        builder.HasKey(s => s.AlarmId);
    }

    public void Configure(EntityTypeBuilder<StoredAlarmTransition> builder)
    {
        builder.ToTable("AlarmTransitions");
        // Deleting an alarm keeps its history; the name stays searchable.
        builder.HasOne<StoredAlarm>().WithMany().HasForeignKey(t => t.AlarmId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(t => new { t.AlarmId, t.Time });
        builder.HasIndex(t => t.Time);
        builder.HasIndex(t => new { t.Endpoint, t.Time });
    }
}
