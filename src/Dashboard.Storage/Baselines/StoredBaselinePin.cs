using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Storage.Baselines;

/// <summary>An endpoint's pinned baseline window [From, To) (Unix seconds), shared by everyone who opens the endpoint.</summary>
public sealed class StoredBaselinePin
{
    public required string Endpoint { get; set; }
    public long From { get; set; }
    public long To { get; set; }
    public required string PinnedBy { get; set; }
    public long PinnedAt { get; set; }
    public string? Note { get; set; }
}

internal sealed class StoredBaselinePinConfiguration : IEntityTypeConfiguration<StoredBaselinePin>
{
    public void Configure(EntityTypeBuilder<StoredBaselinePin> builder)
    {
        builder.ToTable("BaselinePins");
        builder.HasKey(p => p.Endpoint);
    }
}
