namespace Dashboard.Storage.Metrics;

/// <summary>
/// How a chunk's points are laid out in its payload. The first payload byte records it, so chunks written with
/// different settings can live side by side and a later change of default needs no migration.
/// </summary>
public enum ChunkEncoding : byte
{
    /// <summary>Planar int32 offsets then float64 values: 12 bytes a point, the cheapest to encode and decode.</summary>
    Raw = 1,

    /// <summary>Packed body (delta offsets, decimal-scaled or XOR-shuffled values) compressed with Deflate.</summary>
    Deflate = 2,

    /// <summary>The same packed body compressed with Brotli.</summary>
    Brotli = 3,
}
