using Dashboard.Core.Audit;
using Dashboard.Storage.Startup;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Dashboard.Web.Hosting;

/// <summary>
/// <c>Dashboard.Web verify-audit [--head sequence:hash]</c>: checks the audit trail's hash chain in the configured
/// database (the SQLite file, or PostgreSQL when Dashboard:Database:Provider says so), read-only and without starting the
/// web host, against a head noted earlier when given; prints one line and exits 0 (intact), 3 (broken), 2 (the noted head is not written right) or 1 (the database cannot be read).
/// </summary>
public static class VerifyAuditCommand
{
    public const string Name = "verify-audit";
    public const int Intact = 0;
    public const int CannotRead = 1;
    public const int BadHead = 2;
    public const int Broken = 3;
    public const string HeadOption = "--head";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Name;

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        AuditHead? noted = null;
        var at = Array.IndexOf(args, HeadOption);
        if (at >= 0)
        {
            noted = AuditHead.Parse(at + 1 < args.Length ? args[at + 1] : null, out var problem);
            if (noted is null)
            {
                await error.WriteLineAsync($"{HeadOption}: {problem}");
                return BadHead;
            }
        }

        var dashboard = configuration.GetSection(DashboardOptions.Section).Get<DashboardOptions>() ?? new DashboardOptions();
        var storage = dashboard.Storage();
        storage.ReadOnly = true;
        var database = storage.DisplayName;
        if (storage.Provider == DatabaseProvider.Sqlite && !File.Exists(storage.DatabasePath))
        {
            await error.WriteLineAsync($"Cannot verify the audit trail: there is no database at {database}.");
            return CannotRead;
        }

        await using var services = new ServiceCollection()
            .AddDashboardStorage(storage)
            .BuildServiceProvider();
        try
        {
            var result = await services.GetRequiredService<IAuditQueries>().VerifyAsync(noted, cancellationToken);
            await output.WriteLineAsync(result.Message);
            return result.IsIntact ? Intact : Broken;
        }
        catch (Exception e) when (e is SqliteException or NpgsqlException)
        {
            // Npgsql's messages name the server and the cause, never the password.
            await error.WriteLineAsync($"Cannot verify the audit trail in {database}: {(e as PostgresException)?.MessageText ?? e.InnerException?.Message ?? e.Message}");
            return CannotRead;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }
}
