using Dashboard.Core.Live;
using Dashboard.Core.Storage;
using Dashboard.Core.Workers;
using Dashboard.Storage.Startup;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Dashboard.Storage.Postgres.Live;

/// <summary>
/// Runs on every replica: LISTENs on <see cref="LivePayload.Channel"/> over a connection of its own and applies the
/// changes other replicas publish to this process's <see cref="LiveStore"/>, so the pages open here update as they do
/// on the replica that polls. On each connect it loads the fleet and the newest stored point's time from storage (at
/// start, a replica that does not poll has nothing else; after a reconnect, notifications may have been missed). A lost connection ends the round and the
/// next one reconnects, with the worker's backoff while PostgreSQL stays unreachable.
/// </summary>
public sealed partial class LiveListener(
    LiveStore live,
    IFleetStore fleetStore,
    IMetricQueries metrics,
    LiveNotifier notifier,
    StorageOptions options,
    TimeProvider timeProvider,
    ILogger<LiveListener> logger) : PeriodicWorker(timeProvider, logger)
{
    /// <summary>Names the listening connection in pg_stat_activity.</summary>
    public const string ApplicationNameSuffix = "-live";

    // A connection that died without a word (a dropped network) is noticed by the probe after this much silence.
    private static readonly TimeSpan ProbeAfter = TimeSpan.FromSeconds(30);

    private int _fleetChanged;

    /// <summary>The wait before reconnecting after a connection that worked was lost.</summary>
    protected override TimeSpan Interval => TimeSpan.FromSeconds(1);

    protected override TimeSpan MaxBackoff => TimeSpan.FromSeconds(30);

    protected override string Work => "Listening for live changes from the other replicas";

    /// <summary>True while the LISTEN connection is open and listening.</summary>
    public bool IsListening { get; private set; }

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(options));
        connection.Notification += (_, e) => OnNotification(e.Payload);
        await connection.OpenAsync(cancellationToken);
        await using (var listen = new NpgsqlCommand($"LISTEN {LivePayload.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken);
        }
        await ReloadFleetAsync(cancellationToken);
        await ReloadNewestMetricTimeAsync(cancellationToken);
        IsListening = true;
        LogListening(logger);
        try
        {
            while (true)
            {
                if (!await connection.WaitAsync(ProbeAfter, cancellationToken))
                {
                    await using var probe = new NpgsqlCommand("SELECT 1", connection);
                    await probe.ExecuteScalarAsync(cancellationToken);
                }
                if (Interlocked.Exchange(ref _fleetChanged, 0) == 1)
                {
                    await ReloadFleetAsync(cancellationToken);
                }
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // A connection that worked is gone (PostgreSQL restarted, or the session was ended): reconnect soon, from a
            // clean count of failures, rather than as one more failure in a row.
            LogLost(logger, ex.Message);
        }
        finally
        {
            IsListening = false;
        }
    }

    /// <summary>The dedicated, unpooled connection: named apart from the pool's, so a DBA (or a test) can tell it.</summary>
    internal static string ConnectionString(StorageOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString) { Pooling = false };
        builder.ApplicationName = (string.IsNullOrEmpty(builder.ApplicationName) ? PostgresDataSource.ApplicationName : builder.ApplicationName)
            + ApplicationNameSuffix;
        return builder.ConnectionString;
    }

    private void OnNotification(string payload)
    {
        if (LivePayload.Decode(payload) is not { } notification || notification.Sender == notifier.SenderId)
        {
            return;
        }
        var publication = notification.Publication;
        if (publication.Kind.HasFlag(LiveChangeKind.Fleet))
        {
            // Read from storage after the wait returns: this handler runs on the listening connection.
            Interlocked.Exchange(ref _fleetChanged, 1);
            return;
        }
        if (notification.AllEndpoints)
        {
            publication = publication with { Endpoints = live.Fleet.Select(e => e.Name).ToArray() };
        }
        live.Apply(publication);
    }

    private async Task ReloadFleetAsync(CancellationToken cancellationToken)
    {
        var before = live.Fleet;
        var stored = await fleetStore.ListAsync(cancellationToken);
        // A fleet published here while storage was read is at least as new: keep it.
        if (ReferenceEquals(before, live.Fleet))
        {
            live.Apply(new LivePublication(LiveChangeKind.Fleet, stored.Select(e => e.Name).ToArray()) { Fleet = stored });
        }
    }

    /// <summary>How fresh the stored history is (what the health check and the pages' "updated" read), without waiting for
    /// the polling replica's next write.</summary>
    private async Task ReloadNewestMetricTimeAsync(CancellationToken cancellationToken)
    {
        var watermarks = await metrics.GetWatermarksAsync(cancellationToken);
        if (watermarks.Count > 0)
        {
            live.Apply(new LivePublication(LiveChangeKind.Metrics, live.Fleet.Select(e => e.Name).ToArray())
            {
                NewestMetricTime = watermarks.Values.Max(),
            });
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for live changes from the other replicas")]
    private static partial void LogListening(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The connection that listens for live changes was lost ({Reason}); reconnecting")]
    private static partial void LogLost(ILogger logger, string reason);
}
