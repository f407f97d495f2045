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

/// <summary>
/// An endpoint's chosen drift baseline: a pinned window [From, To) (Unix seconds), or a data set read from S3 (its URI,
/// row counts, skipped rows, feature columns and quality here; its feature summaries in <see cref="StoredDriftBaselineFeature"/>).
/// </summary>
public sealed class StoredDriftBaseline
{
    public required string Endpoint { get; set; }
    public int Kind { get; set; }
    public long From { get; set; }
    public long To { get; set; }
    public required string SetBy { get; set; }
    public long SetAt { get; set; }
    public string? Note { get; set; }
    public string? Uri { get; set; }
    public long Records { get; set; }
    public int Skipped { get; set; }

    /// <summary>The skipped rows listed by line, as JSON.</summary>
    public string? Problems { get; set; }

    /// <summary>The feature columns in the file's order, as a JSON array.</summary>
    public string? Columns { get; set; }

    public string? LabelColumn { get; set; }

    /// <summary>A <c>QualityCodec</c> blob of the data set's labelled predictions.</summary>
    public byte[]? Quality { get; set; }
}

/// <summary>One feature of a data-set baseline, as a <c>SummaryCodec</c> blob.</summary>
public sealed class StoredDriftBaselineFeature
{
    public required string Endpoint { get; set; }
    public required string Feature { get; set; }
    public required byte[] Summary { get; set; }
}

/// <summary>The drift method (a <c>DriftMethod</c>) and threshold an engineer chose for one feature of an endpoint.</summary>
public sealed class StoredDriftFeatureSetting
{
    public required string Endpoint { get; set; }
    public required string Feature { get; set; }
    public int Method { get; set; }
    public double Threshold { get; set; }
    public required string SetBy { get; set; }
    public long SetAt { get; set; }
}

internal sealed class StoredDriftBaselineConfiguration :
    IEntityTypeConfiguration<StoredDriftBaseline>, IEntityTypeConfiguration<StoredDriftBaselineFeature>, IEntityTypeConfiguration<StoredDriftFeatureSetting>
{
    public void Configure(EntityTypeBuilder<StoredDriftBaseline> builder)
    {
        builder.ToTable("DriftBaselines");
        builder.HasKey(b => b.Endpoint);
    }

    public void Configure(EntityTypeBuilder<StoredDriftBaselineFeature> builder)
    {
        builder.ToTable("DriftBaselineFeatures");
        builder.HasKey(f => new { f.Endpoint, f.Feature });
    }

    public void Configure(EntityTypeBuilder<StoredDriftFeatureSetting> builder)
    {
        builder.ToTable("DriftFeatureSettings");
        builder.HasKey(s => new { s.Endpoint, s.Feature });
    }
}
