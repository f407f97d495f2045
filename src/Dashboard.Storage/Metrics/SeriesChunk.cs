namespace Dashboard.Storage.Metrics;

/// <summary>The points of one series for one UTC day, encoded by <see cref="ChunkCodec"/>.</summary>
public sealed class SeriesChunk
{
    public long SeriesId { get; set; }

    /// <summary>Start of the UTC day in Unix seconds.</summary>
    public long Start { get; set; }

    public int Count { get; set; }
    public required byte[] Payload { get; set; }
}
