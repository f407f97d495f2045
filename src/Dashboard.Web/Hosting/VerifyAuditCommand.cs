using Dashboard.Core.Audit;
using Dashboard.Storage.Startup;
using Microsoft.Data.Sqlite;

namespace Dashboard.Web.Hosting;

/// <summary>
/// <c>Dashboard.Web verify-audit</c>: checks the audit trail's hash chain in the configured database, read-only and
/// without starting the web host, prints one line and exits 0 (intact), 3 (broken) or 1 (the database cannot be read).
/// </summary>
public static class VerifyAuditCommand
{
    public const string Name = "verify-audit";
    public const int Intact = 0;
    public const int CannotRead = 1;
    public const int Broken = 3;

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Name;

    public static async Task<int> RunAsync(IConfiguration configuration, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var dashboard = configuration.GetSection(DashboardOptions.Section).Get<DashboardOptions>() ?? new DashboardOptions();
        var path = Path.GetFullPath(dashboard.DatabasePath);
        if (!File.Exists(path))
        {
            await error.WriteLineAsync($"Cannot verify the audit trail: there is no database at {path}.");
            return CannotRead;
        }

        await using var services = new ServiceCollection()
            .AddDashboardStorage(path, o => o.ReadOnly = true)
            .BuildServiceProvider();
        try
        {
            var result = await services.GetRequiredService<IAuditQueries>().VerifyAsync(cancellationToken);
            await output.WriteLineAsync(result.Message);
            return result.IsIntact ? Intact : Broken;
        }
        catch (SqliteException e)
        {
            await error.WriteLineAsync($"Cannot verify the audit trail in {path}: {e.Message}");
            return CannotRead;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }
}
