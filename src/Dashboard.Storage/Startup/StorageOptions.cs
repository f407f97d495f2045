using Dashboard.Storage.Metrics;

namespace Dashboard.Storage.Startup;

public sealed class StorageOptions
{
    /// <summary>Absolute path of the SQLite file.</summary>
    public required string DatabasePath { get; init; }

    /// <summary>Encoding of newly written chunks; Deflate was the smallest at a cost the ingest target easily absorbs.</summary>
    public ChunkEncoding ChunkEncoding { get; set; } = ChunkEncoding.Deflate;

    /// <summary>How long a connection waits for another writer's lock before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
