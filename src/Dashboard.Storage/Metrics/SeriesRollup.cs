namespace Dashboard.Storage.Metrics;

/// <summary>
/// One tier's buckets of one series for one UTC day, encoded by <see cref="RollupCodec"/>: written with the day's minute
/// chunk (<see cref="SeriesChunk"/>) in the same transaction, so a long chart never sees one without the other.
/// </summary>
public sealed class SeriesRollup
{
    public long SeriesId { get; set; }

    /// <summary>The tier's step in seconds (<see cref="Core.Metrics.Rollups.Tiers"/>).</summary>
    public int Tier { get; set; }

    /// <summary>Start of the UTC day in Unix seconds, as the chunk's.</summary>
    public long Start { get; set; }

    /// <summary>Buckets in the payload.</summary>
    public int Count { get; set; }

    public required byte[] Payload { get; set; }
}
