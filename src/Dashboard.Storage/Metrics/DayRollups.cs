using Dashboard.Core.Metrics;

namespace Dashboard.Storage.Metrics;

/// <summary>One tier's row for one day, ready for any provider's writer to store beside the day's minute chunk.</summary>
public readonly record struct DayRollup(int Tier, int Count, byte[] Payload);

/// <summary>
/// What a metric writer stores for a day besides its minute chunk: every tier's buckets of the day's merged points.
/// The writer already holds the merged day (it rewrites the chunk), so this costs one pass and a small encode per tier.
/// </summary>
public static class DayRollups
{
    private const int RawBelowBuckets = 24;

    /// <param name="merged">The day's points after merging, sorted by time with unique times, all inside the day.</param>
    public static DayRollup[] For(ReadOnlySpan<MetricPoint> merged, long dayStart, ChunkEncoding encoding)
    {
        var rows = new DayRollup[Rollups.Tiers.Count];
        for (var t = 0; t < rows.Length; t++)
        {
            var tier = Rollups.Tiers[t];
            var buckets = Rollups.Aggregate(merged, tier);
            // An hour row holds at most 24 buckets (about 260 bytes packed): compressing it costs more than it saves.
            var rowEncoding = buckets.Length <= RawBelowBuckets ? ChunkEncoding.Raw : encoding;
            rows[t] = new DayRollup(tier, buckets.Length, RollupCodec.Encode(buckets, dayStart, tier, rowEncoding));
        }
        return rows;
    }
}
