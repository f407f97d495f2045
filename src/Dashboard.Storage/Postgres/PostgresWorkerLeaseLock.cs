using Dashboard.Core.Workers;
using Dashboard.Storage.Startup;
using Medallion.Threading.Postgres;
using Npgsql;

namespace Dashboard.Storage.Postgres;

/// <summary>
/// The worker lease as a PostgreSQL advisory lock (DistributedLock.Postgres), held on a connection of its own that
/// nothing else uses: the server frees the lock the moment that session ends, so a replica that dies hands the lease on.
/// Both ends watch the connection so a dead peer is noticed within about 20 s rather than the kernel's hours: TCP keepalive
/// here (Npgsql), and on the server TCP keepalive plus a check of the client socket while the lock's monitoring query
/// sleeps (client_connection_check_interval, PostgreSQL 14+).
/// </summary>
internal sealed class PostgresWorkerLeaseLock : IWorkerLeaseLock, IAsyncDisposable
{
    /// <summary>The lock's name; the same in every replica on the database.</summary>
    public const string LockName = "sagemaker-dashboard-worker-lease";

    private const int KeepAliveSeconds = 5;
    private const int KeepAliveProbeSeconds = 2;
    private const int ServerKeepAliveProbes = 5;

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresDistributedLock _lock;

    public PostgresWorkerLeaseLock(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        var connection = builder.ConnectionStringBuilder;
        connection.ApplicationName = "sagemaker-dashboard-lease";
        // Closing the connection must end the session (and so free the lock), not park it in a pool.
        connection.Pooling = false;
        connection.TcpKeepAlive = true;
        connection.TcpKeepAliveTime = KeepAliveSeconds;
        connection.TcpKeepAliveInterval = KeepAliveProbeSeconds;
        builder.UsePhysicalConnectionInitializer(c => WatchClient(c).GetAwaiter().GetResult(), WatchClient);
        _dataSource = builder.Build();
        _lock = new PostgresDistributedLock(new PostgresAdvisoryLockKey(LockName, allowHashing: true), _dataSource,
            o => o.UseMultiplexing(false));
    }

    public async Task<IWorkerLeaseHandle?> TryAcquireAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var handle = await _lock.TryAcquireAsync(wait, cancellationToken);
        return handle is null ? null : new Held(handle);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>Server-side settings of the lease's session, so the server also frees the lock of a client that vanished.</summary>
    private static async Task WatchClient(NpgsqlConnection connection)
    {
        var sql = $"SET tcp_keepalives_idle = {KeepAliveSeconds}; SET tcp_keepalives_interval = {KeepAliveProbeSeconds}; " +
            $"SET tcp_keepalives_count = {ServerKeepAliveProbes};";
        if (connection.PostgreSqlVersion.Major >= 14)
        {
            sql += $" SET client_connection_check_interval = '{KeepAliveSeconds}s';";
        }
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class Held(PostgresDistributedLockHandle handle) : IWorkerLeaseHandle
    {
        // Read once at once: asking for it is what starts the library's watch of the connection.
        private readonly CancellationToken _lost = handle.HandleLostToken;

        public CancellationToken Lost => _lost;

        public ValueTask DisposeAsync() => handle.DisposeAsync();
    }
}
