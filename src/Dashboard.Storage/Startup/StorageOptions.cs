using Dashboard.Storage.Metrics;

namespace Dashboard.Storage.Startup;

public sealed class StorageOptions
{
    /// <summary>Absolute path of the SQLite file.</summary>
    public required string DatabasePath { get; init; }

    /// <summary>
    /// Encoding of newly written chunks. Brotli won the measurement (tests/Dashboard.Benchmarks/README.md): as small as
    /// Deflate (~1.7 B/point of payload) but about 4× faster to decode, which is what the 30-day chart read pays for.
    /// </summary>
    public ChunkEncoding ChunkEncoding { get; set; } = ChunkEncoding.Brotli;

    /// <summary>Opens the file read-only and never creates it (the verify-audit command); the app itself writes.</summary>
    public bool ReadOnly { get; set; }

    /// <summary>How long a connection waits for another writer's lock before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
