using Dashboard.Storage.Fleet;
using Dashboard.Storage.Metrics;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Storage;

public sealed class DashboardDbContext(DbContextOptions<DashboardDbContext> options) : DbContext(options)
{
    public DbSet<StoredSeries> Series => Set<StoredSeries>();
    public DbSet<SeriesChunk> SeriesChunks => Set<SeriesChunk>();
    public DbSet<StoredEndpoint> Endpoints => Set<StoredEndpoint>();
    public DbSet<StoredVariant> Variants => Set<StoredVariant>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DashboardDbContext).Assembly);
}
