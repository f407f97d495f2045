using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Storage.Fleet;

internal sealed class StoredEndpointConfiguration : IEntityTypeConfiguration<StoredEndpoint>
{
    public void Configure(EntityTypeBuilder<StoredEndpoint> builder)
    {
        builder.ToTable("Endpoints");
        builder.HasKey(e => e.Name);
        builder.HasMany(e => e.Variants).WithOne().HasForeignKey(v => v.EndpointName).OnDelete(DeleteBehavior.Cascade);
    }
}
