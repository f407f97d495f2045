using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Storage.Drift;

/// <summary>A capture or ground-truth file read once: its row and what it added are stored in one transaction.</summary>
public sealed class StoredDriftFile
{
    public long Id { get; set; }
    public required string Endpoint { get; set; }
    public required string Key { get; set; }
    public int Kind { get; set; }
    public long FileHour { get; set; }
    public long ReadAt { get; set; }
    public long Records { get; set; }
    public int Skipped { get; set; }

    /// <summary>The problems listed by line, as JSON; null when the file read cleanly.</summary>
    public string? Problems { get; set; }
}

/// <summary>One feature of one variant over one hour, as a <c>SummaryCodec</c> blob.</summary>
public sealed class StoredFeatureHour
{
    public required string Endpoint { get; set; }
    public long Hour { get; set; }
    public required string Variant { get; set; }
    public required string Feature { get; set; }
    public bool IsOutput { get; set; }
    public required byte[] Summary { get; set; }
}

public sealed class StoredCaptureHour
{
    public required string Endpoint { get; set; }
    public long Hour { get; set; }
    public required string Variant { get; set; }
    public long Records { get; set; }
}

/// <summary>A captured prediction kept until its label arrives (or it ages out), found by the id labels carry.</summary>
public sealed class StoredPrediction
{
    public required string Endpoint { get; set; }
    public required string JoinId { get; set; }
    public long Hour { get; set; }
    public double? Score { get; set; }
    public string? Label { get; set; }
    public bool Labelled { get; set; }
}

/// <summary>An hour's labelled predictions (a <c>QualityCodec</c> blob), with how many predictions it kept and how many are labelled.</summary>
public sealed class StoredQualityHour
{
    public required string Endpoint { get; set; }
    public long Hour { get; set; }
    public required byte[] Summary { get; set; }
    public long Predictions { get; set; }
    public long Labelled { get; set; }
}

internal sealed class StoredDriftConfiguration :
    IEntityTypeConfiguration<StoredDriftFile>, IEntityTypeConfiguration<StoredFeatureHour>, IEntityTypeConfiguration<StoredCaptureHour>,
    IEntityTypeConfiguration<StoredPrediction>, IEntityTypeConfiguration<StoredQualityHour>
{
    public void Configure(EntityTypeBuilder<StoredDriftFile> builder)
    {
        builder.ToTable("DriftFiles");
        builder.HasIndex(f => new { f.Endpoint, f.Key }).IsUnique();
        builder.HasIndex(f => new { f.Endpoint, f.FileHour });
    }

    public void Configure(EntityTypeBuilder<StoredFeatureHour> builder)
    {
        builder.ToTable("DriftFeatureHours");
        builder.HasKey(f => new { f.Endpoint, f.Hour, f.Variant, f.Feature });
    }

    public void Configure(EntityTypeBuilder<StoredCaptureHour> builder)
    {
        builder.ToTable("DriftCaptureHours");
        builder.HasKey(h => new { h.Endpoint, h.Hour, h.Variant });
    }

    public void Configure(EntityTypeBuilder<StoredPrediction> builder)
    {
        builder.ToTable("DriftPredictions");
        builder.HasKey(p => new { p.Endpoint, p.JoinId });
        builder.HasIndex(p => p.Hour);
    }

    public void Configure(EntityTypeBuilder<StoredQualityHour> builder)
    {
        builder.ToTable("DriftQualityHours");
        builder.HasKey(q => new { q.Endpoint, q.Hour });
    }
}

/// <summary>An endpoint's pinned drift baseline window [From, To) (Unix seconds).</summary>
public sealed class StoredDriftBaseline
{
    public required string Endpoint { get; set; }
    public int Kind { get; set; }
    public long From { get; set; }
    public long To { get; set; }
    public required string SetBy { get; set; }
    public long SetAt { get; set; }
    public string? Note { get; set; }
}

internal sealed class StoredDriftBaselineConfiguration : IEntityTypeConfiguration<StoredDriftBaseline>
{
    public void Configure(EntityTypeBuilder<StoredDriftBaseline> builder)
    {
        builder.ToTable("DriftBaselines");
        builder.HasKey(b => b.Endpoint);
    }
}
