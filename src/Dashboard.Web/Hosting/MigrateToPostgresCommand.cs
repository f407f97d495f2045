using Dashboard.Storage.Moving;
using Dashboard.Storage.Startup;

namespace Dashboard.Web.Hosting;

/// <summary>
/// <c>Dashboard.Web migrate-to-postgres --from data/dashboard.db --to "Host=…;Database=…;Username=…"</c>: copies every
/// table of the SQLite file into an empty PostgreSQL database (<see cref="PostgresMove"/>), without starting the web host,
/// then checks row counts and the audit chain there. Prints a line per table and a last line saying what was checked;
/// exits 0 (moved), 1 (a database cannot be used or the copy failed; the target is left as it was), 2 (the command line is
/// wrong), 3 (the target already holds data; nothing written) or 4 (the copy does not verify; the target emptied again).
/// The password is never printed: the target is named by server, database and user alone.
/// </summary>
public static class MigrateToPostgresCommand
{
    public const string Name = "migrate-to-postgres";
    public const int Moved = 0;
    public const int CannotUse = 1;
    public const int BadArguments = 2;
    public const int TargetNotEmpty = 3;
    public const int Mismatch = 4;
    public const string FromOption = "--from";
    public const string ToOption = "--to";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Name;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var from = Option(args, FromOption);
        var to = Option(args, ToOption);
        if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
        {
            await error.WriteLineAsync($"Usage: {Name} {FromOption} <SQLite file> {ToOption} \"<PostgreSQL connection string>\" " +
                "(the password from PGPASSWORD or the connection string).");
            return BadArguments;
        }
        if (StorageOptions.CheckConnectionString(to) is { } problem)
        {
            await error.WriteLineAsync($"{ToOption} cannot be read: {problem}");
            return BadArguments;
        }

        var target = StorageOptions.Describe(to);
        var source = Path.GetFullPath(from);
        try
        {
            var result = await PostgresMove.RunAsync(source, to,
                (table, rows) => output.WriteLine($"  {table}: {rows} rows"), cancellationToken);
            await output.WriteLineAsync($"Moved {result.Rows} rows in {result.Tables.Count} tables from {source} to {target}; " +
                $"every table's row count matches and the audit chain verifies ({result.Audit.Message}).");
            return Moved;
        }
        catch (PostgresMoveException e)
        {
            await error.WriteLineAsync(e.Message);
            return e.Refusal switch
            {
                MoveRefusal.TargetNotEmpty => TargetNotEmpty,
                MoveRefusal.Mismatch => Mismatch,
                _ => CannotUse,
            };
        }
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
