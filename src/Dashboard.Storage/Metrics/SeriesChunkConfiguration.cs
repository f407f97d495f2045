using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Storage.Metrics;

/// <summary>
/// The table itself is created by hand-written SQL in the migration (WITHOUT ROWID, which EF cannot express):
/// the (SeriesId, Start) key then is the table's only B-tree instead of a rowid table plus a second index.
/// </summary>
internal sealed class SeriesChunkConfiguration : IEntityTypeConfiguration<SeriesChunk>
{
    public void Configure(EntityTypeBuilder<SeriesChunk> builder)
    {
        builder.ToTable("SeriesChunks");
        builder.HasKey(c => new { c.SeriesId, c.Start });
        builder.HasOne<StoredSeries>().WithMany().HasForeignKey(c => c.SeriesId).OnDelete(DeleteBehavior.Cascade);
    }
}
