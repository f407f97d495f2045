using Dashboard.Storage.Startup;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Storage.Tests.Startup;

public sealed class DatabaseInitializerTests : IDisposable
{
    private readonly string _folder = TempDatabase.NewFolder();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Initialize_FreshPathInMissingFolders_CreatesMigratedWalDatabase()
    {
        var path = Path.Combine(_folder, "a", "b", "dashboard.db");

        await using var services = new ServiceCollection().AddDashboardStorage(path).BuildServiceProvider();
        await services.InitializeDashboardStorageAsync(Ct);

        Assert.True(File.Exists(path));
        Assert.Equal("wal", await ScalarAsync(path, "PRAGMA journal_mode"));
        Assert.Equal((long)MigrationCount(), await ScalarAsync(path, "SELECT count(*) FROM __EFMigrationsHistory"));
        Assert.Contains("WITHOUT ROWID", (string)(await ScalarAsync(path, "SELECT sql FROM sqlite_master WHERE name = 'SeriesChunks'"))!);
    }

    [Fact]
    public async Task Initialize_SecondStart_IsANoOp()
    {
        var path = Path.Combine(_folder, "dashboard.db");
        await InitializeAsync(path);

        await InitializeAsync(path);

        Assert.Equal((long)MigrationCount(), await ScalarAsync(path, "SELECT count(*) FROM __EFMigrationsHistory"));
    }

    [Fact]
    public async Task Initialize_MigratedByANewerDashboard_RefusedAndLeftAlone()
    {
        var path = System.IO.Path.Combine(_folder, "dashboard.db");
        await InitializeAsync(path);
        await ScalarAsync(path, "INSERT INTO __EFMigrationsHistory VALUES ('99991231000000_FromTheFuture', '99.0.0')");

        var error = await Assert.ThrowsAsync<StorageStartupException>(() => InitializeAsync(path));

        Assert.Contains("newer version of the dashboard (migration 99991231000000_FromTheFuture", error.Message);
        Assert.Equal(MigrationCount() + 1L, await ScalarAsync(path, "SELECT count(*) FROM __EFMigrationsHistory"));
    }

    [Fact]
    public async Task Initialize_FileIsNotSqlite_ThrowsNamingTheFileAndKeepsIt()
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, "notes.db");
        var text = string.Concat(Enumerable.Repeat("these are my notes, not a database. ", 200));
        await File.WriteAllTextAsync(path, text, Ct);

        var error = await Assert.ThrowsAsync<StorageStartupException>(() => InitializeAsync(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("not a SQLite database", error.Message);
        Assert.Equal(text, await File.ReadAllTextAsync(path, Ct));
    }

    [Fact]
    public async Task Initialize_FolderCannotBeCreated_ThrowsNamingTheFile()
    {
        Directory.CreateDirectory(_folder);
        var blocker = Path.Combine(_folder, "plain-file");
        await File.WriteAllTextAsync(blocker, "x", Ct);
        var path = Path.Combine(blocker, "sub", "dashboard.db");

        var error = await Assert.ThrowsAsync<StorageStartupException>(() => InitializeAsync(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("cannot create the folder", error.Message);
    }

    [Fact]
    public async Task Initialize_FileCannotBeCreated_ThrowsNamingTheFile()
    {
        // The "file" is an existing folder: SQLite cannot open it as a database file.
        var path = Path.Combine(_folder, "taken");
        Directory.CreateDirectory(path);

        var error = await Assert.ThrowsAsync<StorageStartupException>(() => InitializeAsync(path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public async Task Initialize_MigrationFailsOnFreshFile_ThrowsAndDeletesWhatItCreated()
    {
        // A fresh file whose schema already has a conflicting "Series" table cannot be migrated. It is created
        // through a hook that runs between opening and migrating, like another process racing us would.
        var path = Path.Combine(_folder, "new", "dashboard.db");
        await using var services = new ServiceCollection().AddDashboardStorage(path).BuildServiceProvider();
        var connections = services.GetRequiredService<Dashboard.Storage.Sqlite.SqliteConnectionFactory>();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Delete(path);
        await using (var connection = new SqliteConnection(connections.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE Series (Id INTEGER PRIMARY KEY, Oops TEXT);";
            await command.ExecuteNonQueryAsync(Ct);
        }

        var error = await Assert.ThrowsAsync<StorageStartupException>(() => services.InitializeDashboardStorageAsync(Ct));

        Assert.Contains(path, error.Message);
        Assert.Contains("a migration failed", error.Message);
        // The file existed before this start-up, so it is left alone; and no migration was half-applied.
        Assert.Equal(0L, await ScalarAsync(path, "SELECT count(*) FROM sqlite_master WHERE name IN ('Endpoints', 'SeriesChunks')"));
    }

    public void Dispose() => TempDatabase.DeleteFolder(_folder);

    private static int MigrationCount()
    {
        using var services = new ServiceCollection().AddDashboardStorage(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "never-opened.db"))
            .BuildServiceProvider();
        using var db = services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContext();
        return db.Database.GetMigrations().Count();
    }

    private static async Task InitializeAsync(string path)
    {
        await using var services = new ServiceCollection().AddDashboardStorage(path).BuildServiceProvider();
        await services.InitializeDashboardStorageAsync(Ct);
    }

    private static async Task<object?> ScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
