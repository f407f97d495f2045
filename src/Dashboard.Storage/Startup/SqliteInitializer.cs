using Dashboard.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Storage.Startup;

/// <summary>
/// Makes the SQLite database ready before anything else touches it: folder, file, WAL mode, migrations
/// (<see cref="SchemaMigration"/>); a file this start-up created is deleted again on failure, so the next start begins clean.
/// </summary>
public sealed class SqliteInitializer(StorageOptions options, SqliteConnectionFactory connections,
    IDbContextFactory<DashboardDbContext> contexts) : IStorageInitializer
{
    private const int SqliteNotADatabase = 26;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var path = options.DatabasePath;
        var folder = Path.GetDirectoryName(path);
        var createdFolder = folder is not null && !Directory.Exists(folder) ? CreateFolder(folder, path) : null;
        var fileExisted = File.Exists(path);
        try
        {
            await OpenAndEnableWalAsync(path, cancellationToken);
            await SchemaMigration.ApplyAsync(contexts, path, options.ChunkEncoding, cancellationToken);
        }
        catch (Exception) when (!fileExisted)
        {
            RemoveCreated(path, createdFolder);
            throw;
        }
    }

    private static string CreateFolder(string folder, string path)
    {
        try
        {
            // Remember the outermost folder we create, so a failed start can remove exactly what it made.
            var outermost = folder;
            for (var parent = Path.GetDirectoryName(folder); parent is not null && !Directory.Exists(parent); parent = Path.GetDirectoryName(parent))
            {
                outermost = parent;
            }
            Directory.CreateDirectory(folder);
            return outermost;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new StorageStartupException(path, $"cannot create the folder '{folder}' ({e.Message}).", e);
        }
    }

    private async Task OpenAndEnableWalAsync(string path, CancellationToken cancellationToken)
    {
        SqliteConnection connection;
        try
        {
            connection = await connections.OpenAsync(cancellationToken);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteNotADatabase)
        {
            throw NotADatabase(path, e);
        }
        catch (SqliteException e)
        {
            throw new StorageStartupException(path, $"cannot create or open the file ({e.Message}).", e);
        }

        await using (connection)
        {
            try
            {
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA journal_mode=WAL;";
                var mode = command.ExecuteScalar() as string;
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new StorageStartupException(path, $"cannot switch the file to WAL mode (it stayed in '{mode}' mode).");
                }
            }
            catch (SqliteException e) when (e.SqliteErrorCode == SqliteNotADatabase)
            {
                throw NotADatabase(path, e);
            }
            catch (SqliteException e)
            {
                throw new StorageStartupException(path, $"cannot read or write the file ({e.Message}).", e);
            }
        }
    }

    private static StorageStartupException NotADatabase(string path, Exception e) =>
        new(path, "the file is not a SQLite database (is the path pointing at the right file?).", e);

    private static void RemoveCreated(string path, string? createdFolder)
    {
        // Pooled connections keep the file open; release them before deleting.
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            TryDelete(() => File.Delete(file));
        }
        if (createdFolder is not null)
        {
            TryDelete(() => Directory.Delete(createdFolder, recursive: true));
        }
    }

    private static void TryDelete(Action delete)
    {
        try
        {
            delete();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the start-up error being reported matters more than leftover files.
        }
    }
}
