using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Storage.Fleet;

internal sealed class StoredVariantConfiguration : IEntityTypeConfiguration<StoredVariant>
{
    public void Configure(EntityTypeBuilder<StoredVariant> builder)
    {
        builder.ToTable("Variants");
        builder.HasKey(v => new { v.EndpointName, v.Name });
    }
}
