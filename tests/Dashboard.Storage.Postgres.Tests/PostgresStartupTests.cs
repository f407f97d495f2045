using Dashboard.Storage.Startup;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Dashboard.Storage.Tests.Startup;

/// <summary>PostgreSQL refusals at start: each says why in plain words, never the password, and leaves nothing half-migrated.</summary>
public sealed class PostgresStartupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Unreachable_SaysSo_WithoutThePassword()
    {
        var error = await Assert.ThrowsAsync<StorageStartupException>(() =>
            InitializeAsync("Host=127.0.0.1;Port=1;Database=dashboard;Username=dashboard;Password=hunter2-secret;Timeout=3"));

        Assert.Contains("cannot reach the server", error.Message);
        Assert.Contains("'dashboard' on 127.0.0.1:1", error.Message);
        Assert.DoesNotContain("hunter2-secret", error.ToString());
    }

    [Fact]
    public async Task MissingDatabase_SaysCreateItFirst()
    {
        var missing = new NpgsqlConnectionStringBuilder(PostgresServer.AdminConnectionString) { Database = "no_such_" + Guid.NewGuid().ToString("N") };

        var error = await Assert.ThrowsAsync<StorageStartupException>(() => InitializeAsync(missing.ToString()));

        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public async Task ReadOnlyServer_Refused()
    {
        var database = await PostgresServer.CreateDatabaseAsync(Ct);
        try
        {
            await ExecuteAsync(PostgresServer.AdminConnectionString,
                $"ALTER DATABASE \"{new NpgsqlConnectionStringBuilder(database).Database}\" SET default_transaction_read_only = on");

            var error = await Assert.ThrowsAsync<StorageStartupException>(() => InitializeAsync(database));

            Assert.Contains("only allows reading", error.Message);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task MigratedByANewerDashboard_Refused()
    {
        var database = await PostgresServer.CreateDatabaseAsync(Ct);
        try
        {
            await InitializeAsync(database);
            await ExecuteAsync(database, """INSERT INTO "__EFMigrationsHistory" VALUES ('99991231000000_FromTheFuture', '99.0.0')""");

            var error = await Assert.ThrowsAsync<StorageStartupException>(() => InitializeAsync(database));

            Assert.Contains("newer version of the dashboard", error.Message);
            Assert.Contains("99991231000000_FromTheFuture", error.Message);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task FailedMigration_LeavesNothingHalfDone()
    {
        var database = await PostgresServer.CreateDatabaseAsync(Ct);
        try
        {
            // A table in the way of a late step of the migration.
            await ExecuteAsync(database, """CREATE TABLE "RetrainingRuns" ("Id" integer)""");

            var error = await Assert.ThrowsAsync<StorageStartupException>(() => InitializeAsync(database));

            Assert.Contains("a migration failed", error.Message);
            // Only EF Core's own (empty) history table is left, created before the migrations' transaction.
            Assert.Equal(0L, await ScalarAsync(database,
                "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('Series', 'AuditRecords', 'AspNetUsers')"));
            Assert.Equal(0L, await ScalarAsync(database, """SELECT count(*) FROM "__EFMigrationsHistory" """));
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(database);
        }
    }

    /// <summary>Replicas started together all migrate the new database at once: one applies the migrations, the others wait and find them applied.</summary>
    [Fact]
    public async Task ThreeReplicasStartingAtOnce_OnANewDatabase_AllStartAndEachMigrationIsAppliedOnce()
    {
        for (var round = 0; round < 5; round++)
        {
            var database = await PostgresServer.CreateDatabaseAsync(Ct);
            try
            {
                await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => InitializeAsync(database), Ct)));

                Assert.Equal(await ScalarAsync(database, "SELECT count(DISTINCT \"MigrationId\") FROM \"__EFMigrationsHistory\""),
                    await ScalarAsync(database, "SELECT count(*) FROM \"__EFMigrationsHistory\""));
            }
            finally
            {
                await PostgresServer.DropDatabaseAsync(database);
            }
        }
    }

    private static async Task InitializeAsync(string connectionString)
    {
        await using var services = new ServiceCollection()
            .AddDashboardStorage(new StorageOptions { Provider = DatabaseProvider.Postgres, ConnectionString = connectionString })
            .BuildServiceProvider();
        await services.InitializeDashboardStorageAsync(Ct);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct));
    }
}
