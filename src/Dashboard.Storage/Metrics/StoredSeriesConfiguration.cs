using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Storage.Metrics;

internal sealed class StoredSeriesConfiguration : IEntityTypeConfiguration<StoredSeries>
{
    public void Configure(EntityTypeBuilder<StoredSeries> builder)
    {
        builder.ToTable("Series");
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => new { s.Namespace, s.MetricName, s.Dimensions, s.Stat, s.Period }).IsUnique();
        builder.HasIndex(s => new { s.EndpointName, s.VariantName });
        builder.HasIndex(s => s.VariantName);
    }
}
