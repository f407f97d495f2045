using System.Data.Common;

namespace Dashboard.Storage.Sqlite;

/// <summary>
/// synchronous and busy_timeout are per connection (journal_mode=WAL is stored in the file and set once at start-up).
/// NORMAL is safe in WAL mode: a power cut can lose the last commits but never corrupts the file.
/// mmap_size lets chart reads (megabytes of chunk pages) map the file instead of copying every page out of the OS cache.
/// </summary>
internal static class SqlitePragmas
{
    public static string PerConnection(TimeSpan busyTimeout) =>
        $"PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={(long)busyTimeout.TotalMilliseconds}; PRAGMA foreign_keys=ON; PRAGMA mmap_size=268435456;";

    public static void Apply(DbConnection connection, string pragmas)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
    }
}
