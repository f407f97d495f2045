using Dashboard.Core.Audit;
using Dashboard.Storage.Sqlite;
using Dashboard.Storage.Startup;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Dashboard.Storage.Moving;

/// <summary>What a finished move copied: rows per table, in the order they were copied, and the target's audit chain.</summary>
public sealed record MoveResult(IReadOnlyList<(string Table, long Rows)> Tables, AuditVerification Audit)
{
    public long Rows => Tables.Sum(t => t.Rows);
}

/// <summary>
/// Moves a SQLite dashboard database into an empty PostgreSQL one, table by table over EF Core's model (so a table added
/// later is moved without touching this), in foreign-key order, keys kept, identities carried on. The source is opened
/// read-only and read in one snapshot; the target is written by binary COPY, streamed row by row, in one transaction that
/// also checks it is empty and that every table's count matches, so a failure leaves nothing behind. The source must be on
/// this build's schema: migrating it here would write to the file the user asked only to read.
/// </summary>
public static class PostgresMove
{
    public static async Task<MoveResult> RunAsync(string sqlitePath, string connectionString, Action<string, long>? copied,
        CancellationToken cancellationToken)
    {
        var sourceOptions = new StorageOptions { DatabasePath = Path.GetFullPath(sqlitePath), ReadOnly = true };
        var targetOptions = new StorageOptions { Provider = DatabaseProvider.Postgres, ConnectionString = connectionString };
        if (!File.Exists(sourceOptions.DatabasePath))
        {
            throw new PostgresMoveException(MoveRefusal.CannotUse, $"There is no SQLite database at {sourceOptions.DatabasePath}.");
        }

        await using var source = new ServiceCollection().AddDashboardStorage(sourceOptions).BuildServiceProvider();
        await using var target = new ServiceCollection().AddDashboardStorage(targetOptions).BuildServiceProvider();
        try
        {
            var sourceModel = await CheckSourceAsync(source, sourceOptions.DisplayName, cancellationToken);
            try
            {
                await target.InitializeDashboardStorageAsync(cancellationToken);
            }
            catch (StorageStartupException e)
            {
                throw new PostgresMoveException(MoveRefusal.CannotUse, e.Message, e);
            }

            var contexts = target.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var tables = MoveTables.InOrder(sourceModel, db.Model.GetRelationalModel());
            var dataSource = target.GetRequiredService<NpgsqlDataSource>();
            var counts = await CopyAsync(source.GetRequiredService<SqliteConnectionFactory>(), dataSource, tables, targetOptions.DisplayName,
                copied, cancellationToken);

            var audit = await target.GetRequiredService<IAuditQueries>().VerifyAsync(cancellationToken: cancellationToken);
            if (!audit.IsIntact)
            {
                await EmptyAsync(dataSource, tables, cancellationToken);
                throw new PostgresMoveException(MoveRefusal.Mismatch,
                    $"The audit chain does not verify on the target ({audit.Message}); the target was emptied again.");
            }
            return new MoveResult(counts, audit);
        }
        catch (PostgresException e)
        {
            throw new PostgresMoveException(MoveRefusal.CannotUse,
                $"{targetOptions.DisplayName} refused the move ({e.SqlState}: {e.MessageText}); nothing was kept.", e);
        }
        catch (NpgsqlException e)
        {
            throw new PostgresMoveException(MoveRefusal.CannotUse,
                $"Lost the connection to {targetOptions.DisplayName} ({e.InnerException?.Message ?? e.Message}); nothing was kept.", e);
        }
        catch (SqliteException e)
        {
            throw new PostgresMoveException(MoveRefusal.CannotUse, $"Cannot read {sourceOptions.DatabasePath}: {e.Message}", e);
        }
        finally
        {
            SqliteConnection.ClearPool(new SqliteConnection(source.GetRequiredService<SqliteConnectionFactory>().ConnectionString));
        }
    }

    /// <summary>The source's relational model, once its migrations are exactly this build's and its audit chain is intact.</summary>
    private static async Task<IRelationalModel> CheckSourceAsync(IServiceProvider source, string name, CancellationToken cancellationToken)
    {
        await using var db = await source.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(cancellationToken);
        var known = db.Database.GetMigrations().ToList();
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        if (applied.Count == 0)
        {
            throw new PostgresMoveException(MoveRefusal.CannotUse, $"{name} is not a dashboard database (it has no migration history).");
        }
        if (applied.FirstOrDefault(id => !known.Contains(id)) is { } unknown)
        {
            throw new PostgresMoveException(MoveRefusal.CannotUse,
                $"{name} was migrated by a newer version of the dashboard (migration {unknown} is unknown to this one); move it with that version.");
        }
        if (known.FirstOrDefault(id => !applied.Contains(id)) is { } pending)
        {
            throw new PostgresMoveException(MoveRefusal.CannotUse,
                $"{name} is on an older schema (migration {pending} is not applied); start this version of the dashboard on it once " +
                "(it migrates the file), stop it, and move again.");
        }

        var audit = await source.GetRequiredService<IAuditQueries>().VerifyAsync(cancellationToken: cancellationToken);
        if (!audit.IsIntact)
        {
            throw new PostgresMoveException(MoveRefusal.Mismatch,
                $"The audit chain in {name} does not verify ({audit.Message}); nothing was copied. Check it with verify-audit.");
        }
        return db.Model.GetRelationalModel();
    }

    private static async Task<List<(string Table, long Rows)>> CopyAsync(SqliteConnectionFactory sqlite, NpgsqlDataSource dataSource,
        IReadOnlyList<MoveTable> tables, string targetName, Action<string, long>? copied, CancellationToken cancellationToken)
    {
        await using var from = await sqlite.OpenAsync(cancellationToken);
        // One read transaction: every table is read from the same snapshot even if a dashboard still writes the file.
        await using var snapshot = from.BeginTransaction(deferred: true);
        await using var to = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await to.BeginTransactionAsync(cancellationToken);

        // Locked before looking, so no dashboard writes between the check and the copy.
        await ExecuteAsync(to, transaction, $"LOCK TABLE {string.Join(", ", tables.Select(t => t.Quoted))} IN EXCLUSIVE MODE",
            cancellationToken);
        foreach (var table in tables)
        {
            if (await ScalarAsync(to, transaction, $"SELECT EXISTS (SELECT 1 FROM {table.Quoted})", cancellationToken) is true)
            {
                throw new PostgresMoveException(MoveRefusal.TargetNotEmpty,
                    $"{targetName} already holds data (table {table.Name} has rows); move only into an empty database. Nothing was written.");
            }
        }

        var counts = new List<(string, long)>();
        foreach (var table in tables)
        {
            long rows;
            try
            {
                rows = await table.CopyAsync(snapshot, to, cancellationToken);
            }
            catch (PostgresException e)
            {
                throw new PostgresMoveException(MoveRefusal.CannotUse,
                    $"Copying table {table.Name} failed ({e.SqlState}: {e.MessageText}); nothing was kept in the target.", e);
            }
            var sourceRows = await CountAsync(snapshot, table.Quoted, cancellationToken);
            var targetRows = (long)(await ScalarAsync(to, transaction, $"SELECT count(*) FROM {table.Quoted}", cancellationToken))!;
            if (rows != sourceRows || targetRows != sourceRows)
            {
                throw new PostgresMoveException(MoveRefusal.Mismatch,
                    $"Table {table.Name} has {sourceRows} rows in the source but {targetRows} in the target; nothing was kept in the target.");
            }
            await table.CarryOnIdentitiesAsync(to, transaction, cancellationToken);
            counts.Add((table.Name, rows));
            copied?.Invoke(table.Name, rows);
        }
        await transaction.CommitAsync(cancellationToken);
        return counts;
    }

    private static async Task EmptyAsync(NpgsqlDataSource dataSource, IReadOnlyList<MoveTable> tables, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"TRUNCATE {string.Join(", ", tables.Select(t => t.Quoted))} RESTART IDENTITY", cancellationToken);
    }

    private static async Task<long> CountAsync(SqliteTransaction snapshot, string quotedTable, CancellationToken cancellationToken)
    {
        await using var command = snapshot.Connection!.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = $"SELECT count(*) FROM {quotedTable}";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    internal static async Task<object?> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
