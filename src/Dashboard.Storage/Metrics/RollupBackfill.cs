using Microsoft.EntityFrameworkCore;

namespace Dashboard.Storage.Metrics;

/// <summary>
/// Fills the tiers of minute chunks that have none, once, at start-up before any writer or reader runs. The writers
/// store a day's tiers with its chunk, so tiers are missing only in a database upgraded with history, or moved from one
/// (migrate-to-postgres copies what the old file has). One transaction: a start that dies half-way leaves nothing, and
/// the next start fills everything again. Replicas starting together on PostgreSQL take turns with the migrations
/// (PostgresInitializer's lock), so one fills and the others find nothing missing.
/// Decoding each stored day and encoding its tiers costs about a second per 10,000 days of series history.
/// </summary>
public static class RollupBackfill
{
    private const int Batch = 2_000;

    /// <summary>Returns the number of (series, day) chunks whose tiers were filled; 0 when nothing was missing.</summary>
    public static async Task<int> RunAsync(IDbContextFactory<DashboardDbContext> contexts, ChunkEncoding encoding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var firstTier = Core.Metrics.Rollups.Tiers[0];
        var missing = db.SeriesChunks.AsNoTracking()
            .Where(c => !db.SeriesRollups.Any(r => r.SeriesId == c.SeriesId && r.Tier == firstTier && r.Start == c.Start))
            .OrderBy(c => c.SeriesId).ThenBy(c => c.Start)
            .Select(c => new { c.SeriesId, c.Start, c.Payload });

        var filled = 0;
        while (true)
        {
            // A batch at a time: the rows filled drop out of the next query, and only one batch of payloads is held.
            var chunks = await missing.Take(Batch).ToListAsync(cancellationToken);
            if (chunks.Count == 0)
            {
                break;
            }
            foreach (var chunk in chunks)
            {
                foreach (var rollup in DayRollups.For(ChunkCodec.Decode(chunk.Payload, chunk.Start), chunk.Start, encoding))
                {
                    db.SeriesRollups.Add(new SeriesRollup
                    {
                        SeriesId = chunk.SeriesId,
                        Tier = rollup.Tier,
                        Start = chunk.Start,
                        Count = rollup.Count,
                        Payload = rollup.Payload,
                    });
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            filled += chunks.Count;
        }
        await transaction.CommitAsync(cancellationToken);
        return filled;
    }
}
