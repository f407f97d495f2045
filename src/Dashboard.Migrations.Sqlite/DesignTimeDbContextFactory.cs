using Dashboard.Storage;
using Dashboard.Storage.Startup;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Dashboard.Migrations.Sqlite;

/// <summary>Lets `dotnet ef migrations add` build the SQLite model without the web host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<DashboardDbContext>
{
    public DashboardDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DashboardDbContext>()
            .UseSqlite("Data Source=design-time.db", sqlite => sqlite.MigrationsAssembly(StorageServiceCollectionExtensions.SqliteMigrations))
            .Options);
}
