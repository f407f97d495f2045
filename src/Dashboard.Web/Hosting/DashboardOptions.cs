using Dashboard.Storage.Startup;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting;

public enum DashboardMode
{
    /// <summary>A built-in simulated fleet that speaks AWS's wire protocols; no AWS account needed.</summary>
    Simulated,

    /// <summary>The AWS account and region the standard credential chain resolves to.</summary>
    Live,
}

/// <summary>Configuration section "Dashboard".</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    public DashboardMode Mode { get; set; } = DashboardMode.Simulated;

    /// <summary>The SQLite file; relative paths are resolved against the current directory.</summary>
    public string DatabasePath { get; set; } = "data/dashboard.db";

    /// <summary>Which database holds the data ("Dashboard:Database").</summary>
    public DatabaseOptions Database { get; set; } = new();

    /// <summary>The storage these settings name.</summary>
    public StorageOptions Storage() => Database.Provider == DatabaseProvider.Postgres
        ? new StorageOptions { Provider = DatabaseProvider.Postgres, ConnectionString = Database.ConnectionString ?? "" }
        : new StorageOptions { DatabasePath = Path.GetFullPath(DatabasePath) };
}

/// <summary>
/// "Dashboard:Database": SQLite (the file at Dashboard:DatabasePath, the default) or a PostgreSQL server for several
/// replicas. The password belongs in the environment (PGPASSWORD), not in a settings file; it is never logged.
/// </summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The PostgreSQL connection string, e.g. "Host=db;Database=dashboard;Username=dashboard".</summary>
    public string? ConnectionString { get; set; }
}

public sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        if (options.Database.Provider == DatabaseProvider.Postgres)
        {
            const string key = $"{DashboardOptions.Section}:Database:ConnectionString";
            if (string.IsNullOrWhiteSpace(options.Database.ConnectionString))
            {
                return ValidateOptionsResult.Fail($"{key} must be set when {DashboardOptions.Section}:Database:Provider is Postgres " +
                    "(e.g. \"Host=db;Database=dashboard;Username=dashboard\", the password in PGPASSWORD).");
            }
            return StorageOptions.CheckConnectionString(options.Database.ConnectionString) is { } problem
                ? ValidateOptionsResult.Fail($"{key} cannot be read: {problem}")
                : ValidateOptionsResult.Success;
        }
        return string.IsNullOrWhiteSpace(options.DatabasePath)
            ? ValidateOptionsResult.Fail($"{DashboardOptions.Section}:DatabasePath must name a file.")
            : ValidateOptionsResult.Success;
    }
}
