using System.Threading.Channels;
using Dashboard.Core.Live;
using Dashboard.Core.Workers;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Dashboard.Storage.Postgres.Live;

/// <summary>
/// Sends every change published to this process's <see cref="LiveStore"/> as a NOTIFY on <see cref="LivePayload.Channel"/>,
/// so the pages of the other replicas on the same database update too (<see cref="LiveListener"/>). Publishers never wait
/// for PostgreSQL: changes queue here and go out in one round trip per wake-up. While PostgreSQL cannot be reached the
/// oldest queued changes are dropped; a listener reloads what matters (the fleet) when it reconnects.
/// </summary>
public sealed class LiveNotifier : PeriodicWorker
{
    private const int QueueLimit = 1000;
    private const int BatchLimit = 100;

    private readonly LiveStore _live;
    private readonly NpgsqlDataSource _dataSource;
    private readonly Channel<string> _queue = Channel.CreateBounded<string>(
        new BoundedChannelOptions(QueueLimit) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly Signal _signal = new();

    public LiveNotifier(LiveStore live, NpgsqlDataSource dataSource, TimeProvider timeProvider, ILogger<LiveNotifier> logger)
        : base(timeProvider, logger)
    {
        _live = live;
        _dataSource = dataSource;
        _live.Published += OnPublished;
    }

    /// <summary>Names this process in its notifications, so its own listener skips them.</summary>
    public string SenderId { get; } = Guid.NewGuid().ToString("N");

    protected override TimeSpan Interval => TimeSpan.FromSeconds(30);

    protected override TimeSpan MaxBackoff => TimeSpan.FromSeconds(30);

    protected override WakeUpSignal WakeUp => _signal;

    protected override string Work => "Sending live changes to the other replicas";

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        var payloads = new List<string>(BatchLimit);
        while (true)
        {
            payloads.Clear();
            while (payloads.Count < BatchLimit && _queue.Reader.TryRead(out var payload))
            {
                payloads.Add(payload);
            }
            if (payloads.Count == 0)
            {
                return;
            }
            await using var batch = _dataSource.CreateBatch();
            foreach (var payload in payloads)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_notify($1, $2)")
                {
                    Parameters = { new() { Value = LivePayload.Channel }, new() { Value = payload } },
                });
            }
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private void OnPublished(LivePublication publication)
    {
        _queue.Writer.TryWrite(LivePayload.Encode(SenderId, publication));
        // After a failure the backoff decides when to try again, not every publish.
        if (ConsecutiveFailures == 0)
        {
            _signal.Set();
        }
    }

    public override void Dispose()
    {
        _live.Published -= OnPublished;
        base.Dispose();
    }

    private sealed class Signal : WakeUpSignal;
}
