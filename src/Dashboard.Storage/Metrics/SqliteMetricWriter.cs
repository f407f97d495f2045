using Dashboard.Core.Metrics;
using Dashboard.Core.Storage;
using Dashboard.Storage.Sqlite;
using Dashboard.Storage.Startup;
using Microsoft.Data.Sqlite;

namespace Dashboard.Storage.Metrics;

/// <summary>
/// The ingest path: prepared Microsoft.Data.Sqlite statements in one transaction per call, around EF Core
/// (SaveChanges is several times slower for this shape of work). Each touched (series, day) chunk is read, merged
/// with the new points and rewritten, so replaying a batch is idempotent; the day's tiers (<see cref="DayRollups"/>)
/// are recomputed from the merged day and rewritten with it, so a revised late point changes its buckets too.
/// </summary>
public sealed class SqliteMetricWriter(SqliteConnectionFactory connections, SeriesCatalog catalog, StorageOptions options)
    : IMetricWriter, IDisposable
{
    // One writer at a time inside the process: SQLite allows one anyway, and waiting here is cheaper than busy retries.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<int> WriteAsync(IReadOnlyList<SeriesPoints> batches, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        cancellationToken.ThrowIfCancellationRequested();
        var groups = PointMerging.GroupByKey(batches);
        if (groups.Count == 0)
        {
            return 0;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            using var transaction = connection.BeginTransaction(deferred: false);
            var created = new List<(SeriesKey Key, long Id)>();
            var written = 0;
            using (var commands = new ChunkCommands(connection, transaction))
            {
                foreach (var group in groups)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    SeriesCatalog.Validate(group.Key);
                    if (group.Points.Count == 0 && group.Coverage is null)
                    {
                        continue;
                    }
                    var id = ResolveId(commands, group.Key, created);
                    written += WriteSeries(commands, id, PointMerging.SortUnique(group.Points));
                    if (group.Coverage is { } coverage)
                    {
                        commands.SetCoverage(id, coverage);
                    }
                }
            }
            cancellationToken.ThrowIfCancellationRequested();
            transaction.Commit();

            // Only now do the new ids exist for everyone else; a rolled-back id must never reach the cache.
            foreach (var (key, id) in created)
            {
                catalog.Remember(key, id);
            }
            return written;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private long ResolveId(ChunkCommands commands, SeriesKey key, List<(SeriesKey Key, long Id)> created)
    {
        if (catalog.TryGetId(key, out var cached))
        {
            return cached;
        }
        if (commands.Lookup.Find(key) is { } existing)
        {
            catalog.Remember(key, existing);
            return existing;
        }
        var id = commands.InsertSeries(key);
        created.Add((key, id));
        return id;
    }

    private int WriteSeries(ChunkCommands commands, long seriesId, MetricPoint[] points)
    {
        if (points.Length == 0)
        {
            return 0;
        }

        var dayFrom = 0;
        while (dayFrom < points.Length)
        {
            var start = ChunkDays.StartOf(points[dayFrom].Time);
            var dayTo = dayFrom + 1;
            while (dayTo < points.Length && points[dayTo].Time < start + ChunkDays.Length)
            {
                dayTo++;
            }

            var incoming = points.AsSpan(dayFrom, dayTo - dayFrom);
            var merged = commands.ReadChunk(seriesId, start) is { } payload
                ? PointMerging.Merge(ChunkCodec.Decode(payload, start), incoming)
                : incoming.ToArray();
            commands.WriteChunk(seriesId, start, merged.Length, ChunkCodec.Encode(merged, start, options.ChunkEncoding));
            foreach (var rollup in DayRollups.For(merged, start, options.ChunkEncoding))
            {
                commands.WriteRollup(seriesId, start, rollup);
            }
            dayFrom = dayTo;
        }

        commands.AdvanceLastTime(seriesId, points[^1].Time);
        return points.Length;
    }
}
