using Dashboard.Storage;
using Dashboard.Storage.Startup;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Dashboard.Migrations.Postgres;

/// <summary>Lets `dotnet ef migrations add` build the PostgreSQL model without the web host (no server is contacted).</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<DashboardDbContext>
{
    public DashboardDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DashboardDbContext>()
            .UseNpgsql("Host=localhost;Database=design-time", npgsql => npgsql.MigrationsAssembly(StorageServiceCollectionExtensions.PostgresMigrations))
            .Options);
}
