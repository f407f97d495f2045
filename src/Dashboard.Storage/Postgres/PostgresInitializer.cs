using System.Net.Sockets;
using Dashboard.Storage.Startup;
using Medallion.Threading.Postgres;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dashboard.Storage.Postgres;

/// <summary>
/// Makes the PostgreSQL database ready: reachable, signed in, writable, then migrated (<see cref="SchemaMigration"/>;
/// PostgreSQL's DDL is transactional, so a failed migration leaves nothing half-done). Replicas starting at once take
/// turns: each migrates while holding a session advisory lock of its own (<see cref="MigrationLockName"/>), so the next
/// finds the migrations applied. EF Core's own lock is not enough: it is released when each migration's transaction
/// commits, and a replica that read the history before then applies the next migration again ("relation already exists").
/// Each refusal says why in plain words, never the password.
/// </summary>
internal sealed class PostgresInitializer(StorageOptions options, NpgsqlDataSource dataSource,
    IDbContextFactory<DashboardDbContext> contexts) : IStorageInitializer
{
    /// <summary>The advisory lock every replica migrates under; the same name on every replica of the database.</summary>
    public const string MigrationLockName = "sagemaker-dashboard-migrations";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var database = options.DisplayName;
        await CheckWritableAsync(database, cancellationToken);
        var migrationLock = new PostgresDistributedLock(new PostgresAdvisoryLockKey(MigrationLockName, allowHashing: true), dataSource,
            o => o.UseMultiplexing(false));
        PostgresDistributedLockHandle handle;
        try
        {
            handle = await migrationLock.AcquireAsync(cancellationToken: cancellationToken);
        }
        catch (NpgsqlException e)
        {
            throw new StorageStartupException(database, $"could not wait for other replicas' migrations ({e.Message}).", e);
        }
        await using (handle)
        {
            await SchemaMigration.ApplyAsync(contexts, database, options.ChunkEncoding, cancellationToken);
        }
    }

    private async Task CheckWritableAsync(string database, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SHOW transaction_read_only", connection);
            if (await command.ExecuteScalarAsync(cancellationToken) is "on")
            {
                throw new StorageStartupException(database,
                    "the server only allows reading (a standby or read replica?); point the connection string at the primary.");
            }
        }
        catch (PostgresException e)
        {
            throw new StorageStartupException(database, Explain(e), e);
        }
        catch (NpgsqlException e) when (e.InnerException is SocketException or TimeoutException or IOException || e.IsTransient)
        {
            throw new StorageStartupException(database, $"cannot reach the server ({e.InnerException?.Message ?? e.Message}).", e);
        }
        catch (NpgsqlException e)
        {
            throw new StorageStartupException(database, $"cannot connect ({e.Message}).", e);
        }
    }

    private static string Explain(PostgresException e) => e.SqlState switch
    {
        PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification =>
            "the server refused the user name or password (the password comes from PGPASSWORD or the connection string).",
        PostgresErrorCodes.InvalidCatalogName => "the database does not exist on the server; create it first (CREATE DATABASE).",
        PostgresErrorCodes.InsufficientPrivilege => $"the user may not use the database ({e.MessageText}).",
        PostgresErrorCodes.CannotConnectNow => "the server is starting up or shutting down; try again in a moment.",
        _ => $"the server refused the connection ({e.SqlState}: {e.MessageText}).",
    };
}
