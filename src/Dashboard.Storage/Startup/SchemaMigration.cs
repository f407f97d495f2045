using Dashboard.Storage.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Storage.Startup;

/// <summary>
/// Applies pending migrations, after refusing a database that a newer dashboard has migrated: this build cannot know what
/// the unknown migrations changed, and writing to such a schema could lose data. Each migration runs in a transaction, so
/// a failed one leaves the schema as the last migration that succeeded left it. Then fills the rolled-up tiers of history stored
/// without them (<see cref="RollupBackfill"/>).
/// </summary>
internal static class SchemaMigration
{
    public static async Task ApplyAsync(IDbContextFactory<DashboardDbContext> contexts, string database, ChunkEncoding encoding,
        CancellationToken cancellationToken)
    {
        await MigrateAsync(contexts, database, cancellationToken);
        try
        {
            await RollupBackfill.RunAsync(contexts, encoding, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new StorageStartupException(database, $"filling the rolled-up tiers of stored history failed: {e.Message}", e);
        }
    }

    private static async Task MigrateAsync(IDbContextFactory<DashboardDbContext> contexts, string database, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
            // Created here when missing: EF Core asks for the applied migrations before it creates the table, and on a new
            // PostgreSQL database that failed query is logged as an error (npgsql/efcore.pg#3407).
            var history = db.GetService<IHistoryRepository>();
            await history.CreateIfNotExistsAsync(cancellationToken);
            var applied = (await history.GetAppliedMigrationsAsync(cancellationToken)).Select(row => row.MigrationId);
            var unknown = applied.Where(id => !known.Contains(id)).ToList();
            if (unknown.Count > 0)
            {
                throw new StorageStartupException(database,
                    $"it was migrated by a newer version of the dashboard (migration {unknown[^1]} is unknown to this one). " +
                    "Run that version, or restore a backup taken before the upgrade.");
            }
            await db.Database.MigrateAsync(cancellationToken);
        }
        catch (Exception e) when (e is not (OperationCanceledException or StorageStartupException))
        {
            throw new StorageStartupException(database, $"a migration failed: {e.Message}", e);
        }
    }
}
