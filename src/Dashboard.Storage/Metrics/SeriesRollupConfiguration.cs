using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Storage.Metrics;

/// <summary>Keyed (SeriesId, Tier, Start): a chart's read of one series and tier is one range of the key.</summary>
internal sealed class SeriesRollupConfiguration : IEntityTypeConfiguration<SeriesRollup>
{
    public void Configure(EntityTypeBuilder<SeriesRollup> builder)
    {
        builder.ToTable("SeriesRollups");
        builder.HasKey(r => new { r.SeriesId, r.Tier, r.Start });
        builder.HasOne<StoredSeries>().WithMany().HasForeignKey(r => r.SeriesId).OnDelete(DeleteBehavior.Cascade);
    }
}
