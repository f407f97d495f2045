using Dashboard.Storage.Startup;
using Npgsql;

namespace Dashboard.Storage.Postgres;

/// <summary>The one pooled Npgsql data source of the process, shared by EF Core and the ingest path.</summary>
internal static class PostgresDataSource
{
    /// <summary>What the dashboard's connections are called in pg_stat_activity unless the connection string names them.</summary>
    public const string ApplicationName = "sagemaker-dashboard";

    public static NpgsqlDataSource Create(StorageOptions options)
    {
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        // Named in pg_stat_activity, so a DBA sees which connections are the dashboard's.
        if (string.IsNullOrEmpty(builder.ConnectionStringBuilder.ApplicationName))
        {
            builder.ConnectionStringBuilder.ApplicationName = ApplicationName;
        }
        return builder.Build();
    }
}
